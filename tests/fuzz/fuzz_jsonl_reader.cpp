// SPDX-License-Identifier: GPL-3.0-or-later
// A whole JSON Lines import file through ImportReader/JsonLinesReader: every row comes out as
// an event, a stored row or a reason, at strictly increasing offsets within the file.
#include "models/StorageError.h"
#include "models/usage/ImportReader.h"
#include "tests/fuzz/FuzzFile.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>

namespace {
int argc = 1;
char arg0[] = "fuzz_jsonl_reader";
char *argv[] = {arg0, nullptr};
QCoreApplication *app = nullptr;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!app)
        app = new QCoreApplication(argc, argv);
    static const QString path = orb::fuzz::scratchFile("jsonl");
    orb::fuzz::writeScratch(path, data, size);
    std::unique_ptr<orb::ImportReader> reader;
    try {
        reader = orb::ImportReader::open(path, orb::ImportReader::Format::JsonLines);
    } catch (const orb::ServiceError &) {
        return 0;
    }
    orb::ImportRecord r;
    qint64 lastOffset = 0;
    while (reader->next(r)) {
        if (!r.event && !r.hasRow && r.error.isEmpty())
            std::abort(); // a row with neither an event nor a reason
        if (r.endOffset <= lastOffset || r.endOffset > qint64(size))
            std::abort(); // a resumed import would go back, or past the end
        lastOffset = r.endOffset;
        r = orb::ImportRecord();
    }
    return 0;
}
