#include "connectionsettings.h"
#include "liveclient.h"
#include "translations.h"
#include "ui/connectdialog.h"
#include "ui/mainwindow.h"
#include "ui/screenshotsession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace sb;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationName(QStringLiteral("switchboard-console"));
    QApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));

    Translations translations;
    if (auto applied = translations.applyPreferred(); !applied)
        std::fprintf(stderr, "switchboard-console: %s\n", qPrintable(applied.error().message));

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
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a PNG of every view into DIR once they show data, then exit (needs --url and --token)."),
        QStringLiteral("DIR"));
    parser.addOptions({urlOption, tokenOption, screenshotOption});
    parser.process(app);

    ConnectionSettings settings;
    LiveClient client;
    MainWindow window(client);
    window.addSettingsMenu(&translations);
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
        if (parser.isSet(screenshotOption)) {
            auto *session = new ScreenshotSession(window, parser.value(screenshotOption), 60'000, &window);
            QObject::connect(session, &ScreenshotSession::finished, &app,
                             [](bool ok, const QStringList &files, const QString &error) {
                                 if (ok)
                                     std::printf("%s\n", qPrintable(files.join(u'\n')));
                                 else
                                     std::fprintf(stderr, "switchboard-console: --screenshot: %s\n", qPrintable(error));
                                 QApplication::exit(ok ? 0 : 1);
                             });
            session->start();
        }
        client.connectTo({*url, parser.value(tokenOption)});
    } else if (parser.isSet(screenshotOption)) {
        std::fprintf(stderr, "switchboard-console: --screenshot needs --url and --token\n");
        return 2;
    } else {
        QTimer::singleShot(0, &window, askAndConnect);
    }
    return QApplication::exec();
}
