#pragma once

#include "mainwindow/mainwindow.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace QInflux::Test {

/// A shown MainWindow connected to `url` with `database` as its default database; nullptr when it
/// did not connect within 10 s.
inline std::unique_ptr<MainWindow> connectedWindow(const QString &url, const QString &database)
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    QSignalSpy connected(window.get(), &MainWindow::connected);
    window->connectToUrl(url, database);
    if (!QTest::qWaitFor([&] { return connected.size() == 1; }, 10'000))
        return nullptr;
    return window;
}

} // namespace QInflux::Test
