#pragma once

#include <QPlainTextEdit>

class QCompleter;

namespace QInflux {

class CompletionModel;
class InfluxQLHighlighter;

/// The InfluxQL editor: highlighting, completion (Ctrl+Space) and run keys. Ctrl+Enter asks to run the
/// selection, or the statement under the cursor; Ctrl+Shift+Enter asks to run the whole text.
class QueryEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit QueryEditor(QWidget *parent = nullptr);

    /// The selection if there is one, else the statement under the cursor; trimmed.
    QString queryToRun() const;
    /// The whole text, trimmed.
    QString allQueries() const;
    /// The statement of `text` (split at ';' outside quotes, comments and regexes) that contains
    /// `position`, else the nearest one before it, else the first; "" when there is none.
    static QString statementAt(QStringView text, qsizetype position);

    /// The words the completer offers; the editor does not own it (one model serves every tab).
    void setCompletionModel(CompletionModel *model);
    QCompleter *completer() const { return m_completer; }
    InfluxQLHighlighter *highlighter() const { return m_highlighter; }
    /// Opens the completion popup for the word before the cursor (what Ctrl+Space does).
    void showCompletions();

Q_SIGNALS:
    void runRequested(const QString &query);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    /// What the completion replaces: the word before the cursor, or the text after an open `"`.
    struct Prefix
    {
        QString text;      ///< what the completer matches
        int length = 0;    ///< characters before the cursor to replace (the quote included)
        bool quoted = false;
        bool completable = true; ///< false inside a string or a comment
    };
    Prefix prefixBeforeCursor() const;
    void insertCompletion(const QModelIndex &index);

    InfluxQLHighlighter *m_highlighter = nullptr;
    QCompleter *m_completer = nullptr;
    CompletionModel *m_model = nullptr;
};

} // namespace QInflux
