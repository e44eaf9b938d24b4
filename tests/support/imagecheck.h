#pragma once

// What a screenshot shows, without knowing its layout: pixels of a colour, anywhere or near a point.
// Header-only: only GUI tests include it (the support library links no QtGui).

#include <QColor>
#include <QImage>
#include <QPoint>

#include <cstdlib>

namespace QInflux::Test {

/// Whether `a` and `b` differ by at most `tolerance` in each of red, green and blue.
inline bool similarColour(QColor a, QColor b, int tolerance)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

/// How many pixels of `image` have (nearly) `colour`.
inline qsizetype pixelsOfColour(const QImage &image, QColor colour, int tolerance = 8)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qsizetype count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            count += similarColour(QColor(line[x]), colour, tolerance) ? 1 : 0;
    }
    return count;
}

/// Whether a pixel within `radius` of `at` has (nearly) `colour`: a line of that colour passes there.
inline bool colourNear(const QImage &image, QPoint at, QColor colour, int radius = 2, int tolerance = 40)
{
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = at + QPoint(dx, dy);
            if (image.valid(p) && similarColour(image.pixelColor(p), colour, tolerance))
                return true;
        }
    }
    return false;
}

} // namespace QInflux::Test
