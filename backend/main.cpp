#include "backendapp.h"
#include "config.h"
#include "signalwatcher.h"

#include "shared/logging.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("switchboard-backend"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    sb::installLogFormat();

    const auto loaded = sb::loadBackendConfig(QCoreApplication::arguments(),
                                              QProcessEnvironment::systemEnvironment());
    if (!loaded) {
        std::fprintf(stderr, "switchboard-backend: %s\n", qPrintable(loaded.error().message));
        return 2;
    }
    switch (loaded->action) {
    case sb::ConfigAction::ShowHelp:
        std::fputs(qPrintable(loaded->helpText), stdout);
        return 0;
    case sb::ConfigAction::ShowVersion:
        std::printf("switchboard-backend %s\n", SWITCHBOARD_VERSION);
        return 0;
    case sb::ConfigAction::Run:
        break;
    }

    // Signals are caught before anything starts, so a SIGTERM during startup still ends cleanly.
    sb::SignalWatcher signalWatcher;
    sb::BackendApp backend(loaded->config);
    QObject::connect(&signalWatcher, &sb::SignalWatcher::terminationRequested, &backend, &sb::BackendApp::stop);
    QObject::connect(&backend, &sb::BackendApp::stopped, &app, &QCoreApplication::quit);
    if (auto started = backend.start(); !started) {
        std::fprintf(stderr, "switchboard-backend: %s\n", qPrintable(started.error().message));
        return 1;
    }
    return app.exec();
}
