#include "connectionsettings.h"
#include "liveclient.h"
#include "ui/connectdialog.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

using namespace sb;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationName(QStringLiteral("switchboard-console"));
    QApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("switchboard"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Live monitoring of Switchboard backends. Without --url and --token a dialog asks for them."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption urlOption(QStringLiteral("url"),
                                       QApplication::translate("main", "The backend's base URL, e.g. http://127.0.0.1:8080."),
                                       QStringLiteral("URL"));
    const QCommandLineOption tokenOption(QStringLiteral("token"),
                                         QApplication::translate("main", "An API token of the backend (any reading role)."),
                                         QStringLiteral("TOKEN"));
    parser.addOptions({urlOption, tokenOption});
    parser.process(app);

    ConnectionSettings settings;
    LiveClient client;
    MainWindow window(client);
    const auto askAndConnect = [&] {
        ConnectDialog dialog(settings, &window);
        if (dialog.exec() == QDialog::Accepted)
            client.connectTo(dialog.target());
    };
    QObject::connect(&window, &MainWindow::connectRequested, &window, askAndConnect);
    window.show();

    if (parser.isSet(urlOption) || parser.isSet(tokenOption)) {
        const auto url = ConnectionSettings::parseBackendUrl(parser.value(urlOption));
        if (!url) {
            std::fprintf(stderr, "switchboard-console: --url: %s\n", qPrintable(url.error().message));
            return 2;
        }
        if (parser.value(tokenOption).isEmpty()) {
            std::fprintf(stderr, "switchboard-console: --token is required with --url\n");
            return 2;
        }
        client.connectTo({*url, parser.value(tokenOption)});
    } else {
        QTimer::singleShot(0, &window, askAndConnect);
    }
    return QApplication::exec();
}
