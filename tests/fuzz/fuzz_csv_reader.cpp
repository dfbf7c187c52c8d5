// SPDX-License-Identifier: GPL-3.0-or-later
// A whole CSV import file through ImportReader/CsvReader (header, quoting, line breaks inside
// quotes, typed property cells). The first input byte picks a column mapping, so the mapped
// property path is covered too.
#include "models/StorageError.h"
#include "models/usage/ImportReader.h"
#include "tests/fuzz/FuzzFile.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>

namespace {
int argc = 1;
char arg0[] = "fuzz_csv_reader";
char *argv[] = {arg0, nullptr};
QCoreApplication *app = nullptr;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!app)
        app = new QCoreApplication(argc, argv);
    if (size == 0)
        return 0;
    static const QString path = orb::fuzz::scratchFile("csv");
    QHash<QString, QString> mapping;
    if (data[0] & 1)
        mapping.insert(QStringLiteral("region"), QStringLiteral("area"));
    if (data[0] & 2)
        mapping.insert(QStringLiteral("n"), QStringLiteral("count"));
    orb::fuzz::writeScratch(path, data + 1, size - 1);
    std::unique_ptr<orb::ImportReader> reader;
    try {
        reader = orb::ImportReader::open(path, orb::ImportReader::Format::Csv, mapping);
    } catch (const orb::ServiceError &) {
        return 0;
    }
    orb::ImportRecord r;
    qint64 lastOffset = 0;
    while (reader->next(r)) {
        if (!r.event && !r.hasRow && r.error.isEmpty())
            std::abort();
        if (r.endOffset <= lastOffset || r.endOffset > qint64(size - 1))
            std::abort();
        lastOffset = r.endOffset;
        r = orb::ImportRecord();
    }
    return 0;
}
