#include "applicationicon.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace QInflux {

QIcon applicationIcon()
{
    QIcon icon;
    const QDir dir(u":/qinflux/icons"_s);
    for (const QString &file : dir.entryList({u"*.png"_s}, QDir::Files))
        icon.addFile(dir.filePath(file));
    return icon;
}

} // namespace QInflux
