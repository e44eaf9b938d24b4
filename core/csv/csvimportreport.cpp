#include <QInflux/csvimportreport.h>

using namespace Qt::StringLiterals;

namespace QInflux {

QString CsvImportReport::summary() const
{
    QString text = u"%1 rows read, %2 points written, %3 rows rejected"_s.arg(rowsRead).arg(pointsWritten).arg(rowsRejected);
    if (emptyLines || commentLines)
        text += u" (%1 empty and %2 comment lines skipped)"_s.arg(emptyLines).arg(commentLines);
    text += u" in %1 s."_s.arg(seconds, 0, 'f', 2);
    if (countChecked) {
        if (countMismatch) {
            text += u"\nCount check: the server counts MORE values than were written (another writer?):"_s;
        } else if (mergedPoints > 0) {
            text += u"\nCount check: %1 points share their series and timestamp with another point (in the file or already "
                    "in the database); InfluxDB keeps one of each, the last written."_s.arg(mergedPoints);
        } else {
            text += u"\nCount check: the server confirms every point written."_s;
        }
        if (countMismatch || mergedPoints > 0) {
            for (const FieldCount &c : counts)
                text += u"\n  %1.%2: written %3, counted %4 (before %5, after %6)"_s.arg(c.measurement, c.field)
                            .arg(c.written)
                            .arg(c.after - c.before)
                            .arg(c.before)
                            .arg(c.after);
        }
    }
    if (stopped)
        text += u"\nStopped at the first rejected row (--on-error stop): rows after it were not read."_s;
    if (cancelled)
        text += u"\nCancelled: rows after the last written batch were not imported."_s;
    if (error)
        text += u"\nFailed: "_s + error->toString();
    return text;
}

} // namespace QInflux
