#pragma once

#include <QList>
#include <QString>

namespace QInflux::Test {

/// A character or short sequence the tricky-point generator puts into names and string values.
struct Atom
{
    QString text;
    QString label;
    bool special = false;  // line-protocol syntax (paired with each other in every part)
    bool unpaired = false; // an unpaired UTF-16 surrogate: not Unicode, always refused
};

/// Every atom: the 10 line-protocol syntax characters (space, comma, =, ", backslash, #, TAB, CR,
/// LF, NUL) first, then quotes, combining marks, invisible and right-to-left characters, emoji and
/// code points from every plane, and last the two unpaired surrogates.
const QList<Atom> &atoms();

} // namespace QInflux::Test
