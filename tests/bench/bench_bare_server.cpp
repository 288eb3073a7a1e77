// The ceiling for bench_webhooks: a bare QHttpServer route that answers at once, nothing else.
#include <QCoreApplication>
#include <QHttpServer>
#include <QJsonObject>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QHttpServer server;
    server.route(QStringLiteral("/twilio/status"), QHttpServerRequest::Method::Post, [] {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("ok"), true}});
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    if (port == 0)
        return 1;
    std::fprintf(stderr, "listening on 127.0.0.1:%u\n", port);
    std::fflush(stderr);
    return app.exec();
}
