#include "trickytext.h"

#include <string_view>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

namespace {

QString fromUcs4(std::u32string_view text) { return QString::fromUcs4(text.data(), qsizetype(text.size())); }

} // namespace

const QList<Atom> &atoms()
{
    static const QList<Atom> list = [] {
        QList<Atom> a;
        const auto syntax = [&a](std::u32string_view text, const char *label) {
            a.append({fromUcs4(text), QString::fromLatin1(label), true, false});
        };
        const auto other = [&a](std::u32string_view text, const char *label) {
            a.append({fromUcs4(text), QString::fromLatin1(label), false, false});
        };
        syntax(U" ", "space");
        syntax(U",", "comma");
        syntax(U"=", "equals sign");
        syntax(U"\"", "double quote");
        syntax(U"\\", "backslash");
        syntax(U"#", "hash");
        syntax(U"\t", "tab");
        syntax(U"\r", "CR");
        syntax(U"\n", "LF");
        syntax(std::u32string_view(U"\0", 1), "NUL");
        other(U"\r\n", "CRLF");
        other(U"'", "single quote");
        other(U"\u00E9", "e-acute (2-byte UTF-8)");
        other(U"e\u0301", "e + combining acute");
        other(U"\u0301\u0327", "combining marks alone");
        other(U"\u00A0", "no-break space");
        other(U"\u0085", "next line (NEL)");
        other(U"\u200B", "zero-width space");
        other(U"\u2028", "line separator");
        other(U"\uFEFF", "byte order mark");
        other(U"\u05E9\u05DC\u05D5\u05DD", "Hebrew (RTL)");
        other(U"\u0645\u0631\u062D\u0628\u0627", "Arabic (RTL)");
        other(U"\u202E", "right-to-left override");
        other(U"\u4E2D\u6587", "CJK (3-byte UTF-8)");
        other(U"\uFFFD", "replacement character");
        other(U"\uFFFF", "noncharacter U+FFFF");
        other(U"\U0001F600", "emoji (plane 1)");
        other(U"\U0001F469\u200D\U0001F469\u200D\U0001F467", "ZWJ emoji sequence");
        other(U"\U0001F1E9\U0001F1EA", "flag (regional indicators)");
        other(U"\U0001F44D\U0001F3FD", "emoji with skin tone");
        other(U"\U0001D11E", "musical symbol (plane 1)");
        other(U"\U00020000", "CJK extension B (plane 2)");
        other(U"\U00030000", "plane 3");
        other(U"\U00040000\U00050000\U00060000\U00070000\U00080000", "planes 4-8 (unassigned)");
        other(U"\U00090000\U000A0000\U000B0000\U000C0000\U000D0000", "planes 9-13 (unassigned)");
        other(U"\U000E0001", "language tag (plane 14)");
        other(U"\U000F0000", "private use (plane 15)");
        other(U"\U0010FFFD", "private use (plane 16)");
        other(U"\U0010FFFF", "noncharacter U+10FFFF");
        a.append({QString(QChar(char16_t(0xD83D))), u"unpaired high surrogate"_s, false, true});
        a.append({QString(QChar(char16_t(0xDE00))), u"unpaired low surrogate"_s, false, true});
        return a;
    }();
    return list;
}

} // namespace QInflux::Test
