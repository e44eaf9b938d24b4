#pragma once

#include <QIcon>

namespace QInflux {

/// The explorer's icon in every size rendered from resources/icons/qinflux-explorer.svg at build
/// time (QInflux::Resources, ":/qinflux/icons/<size>.png").
QIcon applicationIcon();

} // namespace QInflux
