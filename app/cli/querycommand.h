#pragma once

#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QStringList>

class QCommandLineParser;

namespace QInflux {
class BlockingClient;
}

namespace QInflux::Cli {

/// --epoch, --chunked and --chunk-size (the --format option is global: SHOW commands print too).
void addQueryOptions(QCommandLineParser &parser);
/// An error text when --format or --epoch is not one we know; empty when both are fine.
QString checkOutputOptions(const QCommandLineParser &parser);
/// `qinflux query "Q"`: runs it (chunked and printed chunk by chunk with --chunked; through the
/// cache with --cache) and prints it in --format.
int query(BlockingClient &client, const QStringList &args, const QCommandLineParser &parser);
/// Prints a result in --format (table, csv, json, jsonl) with --epoch; statement messages and
/// errors go to stderr after what did arrive. Returns the exit code.
int printResult(const Result<QueryResult> &result, const QCommandLineParser &parser);

} // namespace QInflux::Cli
