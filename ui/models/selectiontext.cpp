#include "selectiontext.h"

#include <QAbstractItemModel>
#include <QItemSelection>

using namespace Qt::StringLiterals;

namespace QInflux::SelectionText {

namespace {

struct Bounds
{
    int top = 0, bottom = -1, left = 0, right = -1;
};

Bounds boundsOf(const QItemSelection &selection)
{
    Bounds b;
    bool first = true;
    for (const QItemSelectionRange &range : selection) {
        if (!range.isValid())
            continue;
        if (first) {
            b = {range.top(), range.bottom(), range.left(), range.right()};
            first = false;
            continue;
        }
        b.top = std::min(b.top, range.top());
        b.bottom = std::max(b.bottom, range.bottom());
        b.left = std::min(b.left, range.left());
        b.right = std::max(b.right, range.right());
    }
    return b;
}

void appendCell(QString &out, const QString &text)
{
    if (!text.contains(u'\t') && !text.contains(u'\n') && !text.contains(u'\r') && !text.contains(u'"')) {
        out += text;
        return;
    }
    out += u'"';
    for (QChar c : text) {
        if (c == u'"')
            out += u'"';
        out += c;
    }
    out += u'"';
}

} // namespace

qint64 cellCount(const QItemSelection &selection)
{
    const Bounds b = boundsOf(selection);
    return qint64(b.bottom - b.top + 1) * qint64(b.right - b.left + 1);
}

QString toTsv(const QAbstractItemModel &model, const QItemSelection &selection)
{
    const Bounds b = boundsOf(selection);
    if (b.bottom < b.top || b.right < b.left)
        return {};
    const bool whole = selection.size() == 1; // one rectangle: every cell in it is selected
    QString out;
    for (int c = b.left; c <= b.right; ++c) {
        if (c > b.left)
            out += u'\t';
        appendCell(out, model.headerData(c, Qt::Horizontal).toString());
    }
    out += u'\n';
    for (int r = b.top; r <= b.bottom; ++r) {
        for (int c = b.left; c <= b.right; ++c) {
            if (c > b.left)
                out += u'\t';
            const QModelIndex index = model.index(r, c);
            if (whole || selection.contains(index))
                appendCell(out, model.data(index).toString());
        }
        out += u'\n';
    }
    return out;
}

} // namespace QInflux::SelectionText
