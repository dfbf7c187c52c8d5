// SPDX-License-Identifier: GPL-3.0-or-later
// A company file from outside, damaged or crafted: the input is a list of patches applied to
// the pages of a small, real company file (created once per process with a customer, so
// tables, indexes, triggers and seals all have pages), which is then opened as the program
// opens a file. Either it opens cleanly (and its audit trail and seals can be checked) or it
// is refused with a CompanyFileError; never a crash, a sanitizer report or another exception.
//
// Input: records of [offset: 3 bytes, big-endian, modulo the file size][length: 1 byte][that
// many bytes], applied in turn. Small inputs reach any page of the file.
#include "engine/Clock.h"
#include "models/AuditLog.h"
#include "models/CompanyFile.h"
#include "models/CustomerService.h"
#include "models/Database.h"
#include "models/RowSeals.h"
#include "models/StorageError.h"

#include "FuzzFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

namespace {
int argc = 1;
char arg0[] = "fuzz_company_file";
char *argv[] = {arg0, nullptr};
QCoreApplication *app = nullptr;
QByteArray *base = nullptr;
QString *scratch = nullptr;

void removeSet(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

void setUp()
{
    app = new QCoreApplication(argc, argv);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("seed.orb"));
    orb::CompanySettings s;
    s.name = QStringLiteral("Fuzz Co");
    s.defaultCurrency = QStringLiteral("USD");
    s.timezone = QStringLiteral("UTC");
    s.invoicePrefix = QStringLiteral("F");
    s.documentLocale = QStringLiteral("en_US");
    {
        auto file = orb::CompanyFile::create(path, s, orb::SystemClock());
        orb::Customer c;
        c.name = QStringLiteral("Acme");
        c.email = QStringLiteral("ap@acme.example");
        c.currency = QStringLiteral("USD");
        const orb::SystemClock clock;
        orb::CustomerService(*file, clock).create(c);
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        std::abort();
    base = new QByteArray(f.readAll());
    scratch = new QString(orb::fuzz::scratchFile("company") + QStringLiteral(".orb"));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!app)
        setUp();
    QByteArray bytes = *base;
    size_t i = 0;
    while (i + 4 <= size) {
        const qsizetype offset = qsizetype((size_t(data[i]) << 16 | size_t(data[i + 1]) << 8 | size_t(data[i + 2])) % size_t(bytes.size()));
        const size_t len = data[i + 3];
        i += 4;
        for (size_t k = 0; k < len && i < size; ++k, ++i)
            if (offset + qsizetype(k) < bytes.size())
                bytes[offset + qsizetype(k)] = char(data[i]);
    }
    removeSet(*scratch);
    orb::fuzz::writeScratch(*scratch, reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    try {
        auto file = orb::CompanyFile::open(*scratch);
        (void)file->settings();
        (void)orb::AuditLog(file->db()).verify();
        (void)orb::RowSeals::verify(file->db());
    } catch (const orb::CompanyFileError &) {
        // refused: fine
    } catch (const orb::ServiceError &) {
        // a damaged page met after the checks on open (reading it fails cleanly): fine
    }
    removeSet(*scratch);
    if (orb::Database::openConnections(*scratch) != 0)
        std::abort(); // a refusal must not leave a connection behind
    return 0;
}
