#pragma once

#include <QPalette>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

namespace QInflux {

/// InfluxQL syntax highlighting: keywords, functions, 'strings', "identifiers", numbers, durations
/// (5m, 10s), /regexes/ (after =~, !~, FROM or a comma) and -- comments. Colours derive from a palette
/// so that light and dark themes both read well; setPalette() re-highlights.
class InfluxQLHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Token { Keyword, Function, String, Identifier, Number, Duration, Regex, Comment, Count };

    explicit InfluxQLHighlighter(QTextDocument *document, const QPalette &palette = {});

    void setPalette(const QPalette &palette);
    /// The format used for `token` under the current palette.
    QTextCharFormat format(Token token) const { return m_formats[static_cast<size_t>(token)]; }

protected:
    void highlightBlock(const QString &text) override;

private:
    void setTokenFormat(qsizetype start, qsizetype length, Token token);

    std::array<QTextCharFormat, static_cast<size_t>(Token::Count)> m_formats;
};

} // namespace QInflux
