#pragma once

#include <QtGlobal>

// Included by GUI tests: run on the offscreen platform unless told otherwise, so a test program
// started by hand (not only through ctest) needs no display.
namespace QInflux::Test {
inline const bool s_offscreenPlatform = [] {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return true;
}();
} // namespace QInflux::Test
