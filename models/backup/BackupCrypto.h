// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace orb {

/**
 * Encrypted backups: a backup file sealed with libsodium's secretstream (XChaCha20-Poly1305,
 * 64 KiB chunks, each authenticated, the last one marked final so a cut file is refused). The
 * key is derived with Argon2id from a passphrase; the salt and the cost are in the file's
 * header, which every chunk authenticates too, so a changed header byte is refused as surely
 * as a changed page.
 *
 * Layout: "ORBENC1\n" (8 bytes), the key kind (1 byte: 1 = Argon2id passphrase), the salt
 * (16), opslimit and memlimit (8 each, little-endian), secretstream's header (24), then chunks
 * of a 4-byte little-endian length and that many bytes of ciphertext.
 *
 * Errors are ServiceError: InvalidInput for a wrong passphrase or a changed file (nothing is
 * left behind), Storage for I/O.
 */
class BackupCrypto final
{
public:
    /// Whether a file starts like an encrypted backup.
    static bool isEncrypted(const QString &path);
    /// Encrypts plainPath into destPath (which must not exist; written whole or not at all).
    static void encrypt(const QString &plainPath, const QString &destPath, const QByteArray &passphrase);
    /// Decrypts and authenticates encPath into plainDest (created owner-only; removed again if
    /// anything fails).
    static void decrypt(const QString &encPath, const QString &plainDest, const QByteArray &passphrase);
    /// The shortest passphrase encrypt() accepts.
    static constexpr int MinPassphraseLength = 10;
};

} // namespace orb
