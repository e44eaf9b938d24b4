#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

/// The words of InfluxQL 1.x the editor knows, for highlighting and completion.
namespace QInflux::InfluxQLVocabulary {

/// Reserved words and common keywords, upper case, sorted.
const QStringList &keywords();
/// Function names (aggregates, selectors, transformations, predictors, technical analysis), lower case, sorted.
const QStringList &functions();

/// Case-insensitive.
bool isKeyword(QStringView word);
bool isFunction(QStringView word);

/// Whether `name` must be double-quoted to be read as one identifier: it is not letters, digits and
/// underscores starting with a letter or underscore, or it is a keyword.
bool needsQuoting(QStringView name);
/// `name` as it must appear in a query: as is, or quoted with InfluxQL::quoteIdentifier().
QString identifier(QStringView name);

} // namespace QInflux::InfluxQLVocabulary
