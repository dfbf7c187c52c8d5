// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/backup/BackupCrypto.h"

#include "models/StorageError.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QScopeGuard>

#include <sodium.h>

#include <cstring>

namespace orb {

namespace {

const QByteArray kMagic = QByteArrayLiteral("ORBENC1\n");
constexpr char KindPassphrase = 1;
constexpr qsizetype SaltBytes = crypto_pwhash_SALTBYTES; // 16
constexpr qsizetype HeaderBytes = 8 + 1 + SaltBytes + 8 + 8;
constexpr qsizetype ChunkBytes = 64 * 1024;
// Argon2id's cost for new backups: about a second and 256 MiB here, which makes guessing a
// passphrase slow. A hostile header cannot ask for more than the ceilings below.
constexpr unsigned long long OpsLimit = crypto_pwhash_OPSLIMIT_MODERATE;
constexpr size_t MemLimit = crypto_pwhash_MEMLIMIT_MODERATE;
constexpr unsigned long long MaxOpsLimit = crypto_pwhash_OPSLIMIT_SENSITIVE;
constexpr size_t MaxMemLimit = crypto_pwhash_MEMLIMIT_SENSITIVE;

void ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw ServiceError::storage(QStringLiteral("libsodium did not start"));
}

void putLe64(QByteArray &out, quint64 v)
{
    for (int i = 0; i < 8; ++i)
        out.append(char((v >> (8 * i)) & 0xff));
}

quint64 getLe64(const char *p)
{
    quint64 v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

/// A key that is wiped when it goes.
struct Key {
    unsigned char bytes[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    Key() { sodium_mlock(bytes, sizeof bytes); }
    ~Key() { sodium_munlock(bytes, sizeof bytes); }
    Key(const Key &) = delete;
    Key &operator=(const Key &) = delete;
};

void deriveKey(Key &key, const QByteArray &passphrase, const unsigned char *salt, quint64 ops, quint64 mem)
{
    if (crypto_pwhash(key.bytes, sizeof key.bytes, passphrase.constData(), quint64(passphrase.size()), salt, ops, size_t(mem), crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        throw ServiceError::storage(QStringLiteral("not enough memory to derive the backup key (Argon2id needs %1 MiB)").arg(mem / (1024 * 1024)));
}

} // namespace

bool BackupCrypto::isEncrypted(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(kMagic.size()) == kMagic;
}

void BackupCrypto::encrypt(const QString &plainPath, const QString &destPath, const QByteArray &passphrase)
{
    ensureSodium();
    if (passphrase.size() < MinPassphraseLength)
        throw ServiceError::invalid(QStringLiteral("the backup passphrase must be at least %1 characters long").arg(MinPassphraseLength));
    QFile in(plainPath);
    if (!in.open(QIODevice::ReadOnly))
        throw ServiceError::storage(QStringLiteral("cannot read %1: %2").arg(plainPath, in.errorString()));
    if (QFileInfo::exists(destPath))
        throw ServiceError::conflict(QStringLiteral("%1 already exists; a backup never overwrites a file").arg(destPath));

    QByteArray header = kMagic;
    header.append(KindPassphrase);
    unsigned char salt[SaltBytes];
    randombytes_buf(salt, sizeof salt);
    header.append(reinterpret_cast<const char *>(salt), SaltBytes);
    putLe64(header, OpsLimit);
    putLe64(header, MemLimit);
    Key key;
    deriveKey(key, passphrase, salt, OpsLimit, MemLimit);

    // QSaveFile: the backup appears under its name only once it is complete and synced.
    QSaveFile out(destPath);
    if (!out.open(QIODevice::WriteOnly))
        throw ServiceError::storage(QStringLiteral("cannot write %1: %2").arg(destPath, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    crypto_secretstream_xchacha20poly1305_state state;
    unsigned char streamHeader[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    crypto_secretstream_xchacha20poly1305_init_push(&state, streamHeader, key.bytes);
    out.write(header);
    out.write(reinterpret_cast<const char *>(streamHeader), sizeof streamHeader);
    QByteArray cipher(ChunkBytes + crypto_secretstream_xchacha20poly1305_ABYTES, Qt::Uninitialized);
    const auto *ad = reinterpret_cast<const unsigned char *>(header.constData());
    for (;;) {
        const QByteArray plain = in.read(ChunkBytes);
        if (plain.isEmpty() && in.error() != QFileDevice::NoError)
            throw ServiceError::storage(QStringLiteral("cannot read %1: %2").arg(plainPath, in.errorString()));
        const bool last = in.atEnd();
        unsigned long long len = 0;
        crypto_secretstream_xchacha20poly1305_push(&state, reinterpret_cast<unsigned char *>(cipher.data()), &len,
                                                   reinterpret_cast<const unsigned char *>(plain.constData()), quint64(plain.size()), ad,
                                                   quint64(header.size()), last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
        QByteArray length;
        for (int i = 0; i < 4; ++i)
            length.append(char((len >> (8 * i)) & 0xff));
        out.write(length);
        out.write(cipher.constData(), qint64(len));
        if (last)
            break;
    }
    sodium_memzero(&state, sizeof state);
    if (!out.commit())
        throw ServiceError::storage(QStringLiteral("cannot write %1: %2").arg(destPath, out.errorString()));
}

void BackupCrypto::decrypt(const QString &encPath, const QString &plainDest, const QByteArray &passphrase)
{
    ensureSodium();
    const auto refused = [&](const QString &why) {
        return ServiceError::invalid(QStringLiteral("%1 cannot be restored: %2; nothing was changed").arg(encPath, why));
    };
    QFile in(encPath);
    if (!in.open(QIODevice::ReadOnly))
        throw ServiceError::storage(QStringLiteral("cannot read %1: %2").arg(encPath, in.errorString()));
    const QByteArray header = in.read(HeaderBytes);
    if (header.size() != HeaderBytes || !header.startsWith(kMagic))
        throw refused(QStringLiteral("it is not an encrypted Orb backup"));
    if (header.at(8) != KindPassphrase)
        throw refused(QStringLiteral("it was encrypted with a kind of key this Orb does not know"));
    const auto *salt = reinterpret_cast<const unsigned char *>(header.constData() + 9);
    const quint64 ops = getLe64(header.constData() + 9 + SaltBytes);
    const quint64 mem = getLe64(header.constData() + 9 + SaltBytes + 8);
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > MaxOpsLimit || mem < crypto_pwhash_MEMLIMIT_MIN || mem > MaxMemLimit)
        throw refused(QStringLiteral("its header was changed (the key's cost is out of range)"));
    const QByteArray streamHeader = in.read(crypto_secretstream_xchacha20poly1305_HEADERBYTES);
    if (streamHeader.size() != crypto_secretstream_xchacha20poly1305_HEADERBYTES)
        throw refused(QStringLiteral("it is cut short"));
    Key key;
    deriveKey(key, passphrase, salt, ops, mem);
    crypto_secretstream_xchacha20poly1305_state state;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&state, reinterpret_cast<const unsigned char *>(streamHeader.constData()), key.bytes) != 0)
        throw refused(QStringLiteral("its header was changed"));

    QFile out(plainDest);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        throw ServiceError::storage(QStringLiteral("cannot create %1: %2").arg(plainDest, out.errorString()));
    auto removeOut = qScopeGuard([&] {
        out.close();
        QFile::remove(plainDest);
    });
    const auto *ad = reinterpret_cast<const unsigned char *>(header.constData());
    QByteArray plain(ChunkBytes, Qt::Uninitialized);
    bool final = false;
    bool first = true;
    while (!final) {
        const QByteArray lengthBytes = in.read(4);
        if (lengthBytes.size() != 4)
            throw refused(QStringLiteral("it is cut short (its last part is missing)"));
        quint32 len = 0;
        for (int i = 3; i >= 0; --i)
            len = (len << 8) | static_cast<unsigned char>(lengthBytes.at(i));
        if (len < crypto_secretstream_xchacha20poly1305_ABYTES || len > ChunkBytes + crypto_secretstream_xchacha20poly1305_ABYTES)
            throw refused(QStringLiteral("it was changed (a part has an impossible length)"));
        const QByteArray cipher = in.read(len);
        if (cipher.size() != qsizetype(len))
            throw refused(QStringLiteral("it is cut short"));
        unsigned long long plainLen = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state, reinterpret_cast<unsigned char *>(plain.data()), &plainLen, &tag,
                                                       reinterpret_cast<const unsigned char *>(cipher.constData()), len, ad, quint64(header.size()))
            != 0)
            throw refused(first ? QStringLiteral("the passphrase is wrong, or the file was changed")
                                : QStringLiteral("the file was changed (a part does not authenticate)"));
        first = false;
        if (out.write(plain.constData(), qint64(plainLen)) != qint64(plainLen))
            throw ServiceError::storage(QStringLiteral("cannot write %1: %2").arg(plainDest, out.errorString()));
        final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }
    if (!in.atEnd())
        throw refused(QStringLiteral("it was changed (bytes follow its end)"));
    sodium_memzero(&state, sizeof state);
    if (!out.flush())
        throw ServiceError::storage(QStringLiteral("cannot write %1: %2").arg(plainDest, out.errorString()));
    out.close();
    removeOut.dismiss();
}

} // namespace orb
