#pragma once

#include <QPlainTextEdit>

namespace QInflux {

/// The InfluxQL editor. Ctrl+Enter asks to run the selection, or the whole text when nothing is selected.
class QueryEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit QueryEditor(QWidget *parent = nullptr);

    /// The selection if there is one, else the whole text; trimmed.
    QString queryToRun() const;

Q_SIGNALS:
    void runRequested(const QString &query);

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace QInflux
