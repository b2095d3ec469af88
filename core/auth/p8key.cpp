#include "p8key.h"

#include "authlog.h"

#include "core/common/secureerase.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>

using namespace Qt::StringLiterals;

namespace ascsync::auth {

namespace {

// A real .p8 is about 250 bytes; anything this large is certainly the wrong file, and reading it whole
// into memory would be pointless.
constexpr qint64 kMaxKeyFileSize = 64 * 1024;
constexpr int kCoordinateBytes = 32;

const QString kRecreateHint =
    u"Apple lets you download a key only once: if you have no intact copy of "
    u"AuthKey_<KEYID>.p8, revoke this key and generate a new one in App Store Connect "
    u"(Users and Access > Integrations)."_s;

struct BioDeleter {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct OpenSslStringDeleter {
    void operator()(char *text) const { OPENSSL_free(text); }
};
struct OpenSslBytesDeleter {
    // PEM bodies hold key material: wipe them, not just free them.
    long size = 0;
    void operator()(unsigned char *bytes) const { OPENSSL_clear_free(bytes, static_cast<size_t>(size)); }
};
struct Pkcs8Deleter {
    void operator()(PKCS8_PRIV_KEY_INFO *info) const { PKCS8_PRIV_KEY_INFO_free(info); }
};
struct PkeyCtxDeleter {
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxDeleter {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct EcdsaSigDeleter {
    void operator()(ECDSA_SIG *sig) const { ECDSA_SIG_free(sig); }
};

Error keyError(const QString &code, const QString &message)
{
    // OpenSSL keeps a per-thread error queue; leaving entries behind would leak this failure into the
    // diagnostics of an unrelated later call.
    ERR_clear_error();
    return makeError(code, message);
}

Error wrongPemBlock(const QByteArray &label)
{
    if (label == "ENCRYPTED PRIVATE KEY") {
        return keyError(
            u"key.encrypted"_s,
            u"This key file is password-protected (ENCRYPTED PRIVATE KEY). App Store Connect keys are "
            u"not encrypted; use the original AuthKey_<KEYID>.p8, or decrypt it with "
            u"`openssl pkcs8 -in encrypted.p8 -out AuthKey_<KEYID>.p8 -nocrypt`."_s);
    }
    if (label == "PUBLIC KEY" || label == "EC PUBLIC KEY" || label == "RSA PUBLIC KEY") {
        return keyError(u"key.public"_s,
                        u"This file holds a public key, but signing needs the private key: choose "
                        u"the AuthKey_<KEYID>.p8 file you downloaded from App Store Connect."_s);
    }
    if (label.contains("CERTIFICATE")) {
        return keyError(
            u"key.certificate"_s,
            u"This file is a certificate (%1), not a private key: choose the AuthKey_<KEYID>.p8 file "
            u"you downloaded from App Store Connect (Users and Access > Integrations)."_s.arg(
                QString::fromLatin1(label)));
    }
    if (label == "RSA PRIVATE KEY") {
        return keyError(u"key.wrongAlgorithm"_s,
                        u"This is an RSA private key. App Store Connect keys are elliptic-"
                        u"curve (P-256) keys: choose the AuthKey_<KEYID>.p8 file."_s);
    }
    if (label == "EC PRIVATE KEY") {
        return keyError(
            u"key.sec1"_s,
            u"This is a raw EC PRIVATE KEY, not the PKCS#8 .p8 file App Store Connect issues. If it "
            u"is your App Store Connect key converted by another tool, convert it back with "
            u"`openssl pkcs8 -topk8 -nocrypt -in key.pem -out AuthKey_<KEYID>.p8`."_s);
    }
    if (label == "OPENSSH PRIVATE KEY") {
        return keyError(u"key.wrongAlgorithm"_s,
                        u"This is an SSH private key, not an App Store Connect key: choose "
                        u"the AuthKey_<KEYID>.p8 file."_s);
    }
    return keyError(
        u"key.notPrivateKey"_s,
        u"This PEM file holds a \"%1\" block, not the \"PRIVATE KEY\" of an App Store Connect key: "
        u"choose the AuthKey_<KEYID>.p8 file."_s.arg(QString::fromLatin1(label)));
}

Result<std::shared_ptr<EVP_PKEY>> decodePkcs8(const unsigned char *der, long length)
{
    const unsigned char *cursor = der;
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, Pkcs8Deleter> info(
        d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, length));
    if (!info || cursor != der + length) {
        return keyError(u"key.corrupt"_s,
                        u"The key file is damaged: its contents are not a valid PKCS#8 private "
                        u"key (the text was probably truncated or altered). "_s +
                            kRecreateHint);
    }
    std::shared_ptr<EVP_PKEY> key(EVP_PKCS82PKEY(info.get()), EVP_PKEY_free);
    if (!key) {
        return keyError(u"key.corrupt"_s,
                        u"The key file is damaged: the private key inside it cannot be decoded. "_s +
                            kRecreateHint);
    }
    return key;
}

Status checkIsP256(EVP_PKEY *key)
{
    const int type = EVP_PKEY_get_base_id(key);
    if (type == EVP_PKEY_RSA || type == EVP_PKEY_RSA_PSS) {
        return keyError(u"key.wrongAlgorithm"_s,
                        u"This is an RSA private key. App Store Connect keys are elliptic-"
                        u"curve (P-256) keys: choose the AuthKey_<KEYID>.p8 file."_s);
    }
    if (type == EVP_PKEY_ED25519 || type == EVP_PKEY_ED448 || type == EVP_PKEY_X25519 ||
        type == EVP_PKEY_X448) {
        return keyError(u"key.wrongAlgorithm"_s,
                        u"This is an Edwards/Montgomery-curve key (%1). App Store Connect "
                        u"keys are P-256 ECDSA keys: choose the AuthKey_<KEYID>.p8 file."_s.arg(
                            QString::fromLatin1(OBJ_nid2sn(type))));
    }
    if (type != EVP_PKEY_EC) {
        return keyError(
            u"key.wrongAlgorithm"_s,
            u"This private key is not an elliptic-curve key. App Store Connect keys are P-256 ECDSA "
            u"keys: choose the AuthKey_<KEYID>.p8 file."_s);
    }
    std::array<char, 80> group{};
    size_t groupLength = 0;
    if (EVP_PKEY_get_group_name(key, group.data(), group.size(), &groupLength) != 1) {
        return keyError(u"key.wrongCurve"_s,
                        u"This EC key uses explicit or unknown curve parameters. App Store "
                        u"Connect keys use the named curve P-256."_s);
    }
    const QByteArray curve(group.data(), static_cast<qsizetype>(groupLength));
    if (curve != "prime256v1" && curve != "P-256") {
        return keyError(
            u"key.wrongCurve"_s,
            u"This EC key uses the curve %1, but App Store Connect keys use P-256 "
            u"(prime256v1): choose the AuthKey_<KEYID>.p8 file."_s.arg(QString::fromLatin1(curve)));
    }
    // A flipped byte in the scalar or in the embedded public point still parses; the pairwise check catches
    // it.
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!ctx || EVP_PKEY_check(ctx.get()) != 1) {
        return keyError(u"key.corrupt"_s,
                        u"The key file is damaged: its private and public parts do not match. "_s +
                            kRecreateHint);
    }
    return {};
}

} // namespace

P8Key::P8Key(std::shared_ptr<EVP_PKEY> key)
    : m_key(std::move(key))
{}

Result<P8Key> P8Key::fromPem(QByteArray pem)
{
    struct WipeOnExit {
        QByteArray &bytes;
        ~WipeOnExit() { secureErase(bytes); }
    } wipe{pem};

    if (pem.trimmed().isEmpty()) {
        return keyError(u"key.empty"_s,
                        u"The key file is empty. Choose the AuthKey_<KEYID>.p8 file you downloaded "
                        u"from App Store Connect (Users and Access > Integrations)."_s);
    }
    if (!pem.contains("-----BEGIN ")) {
        if (static_cast<unsigned char>(pem.front()) == 0x30) {
            return keyError(u"key.notPem"_s,
                            u"This looks like a binary (DER) key, not the text .p8 file App Store "
                            u"Connect gives you. Choose AuthKey_<KEYID>.p8, or convert with "
                            u"`openssl pkcs8 -inform DER -in key.der -nocrypt -out key.p8`."_s);
        }
        return keyError(u"key.notPem"_s,
                        u"This is not an App Store Connect key file: a .p8 key is a text file "
                        u"that starts with \"-----BEGIN PRIVATE KEY-----\". Choose the "
                        u"AuthKey_<KEYID>.p8 file you downloaded."_s);
    }

    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    char *rawName = nullptr;
    char *rawHeader = nullptr;
    unsigned char *rawData = nullptr;
    long length = 0;
    const int read = PEM_read_bio(bio.get(), &rawName, &rawHeader, &rawData, &length);
    std::unique_ptr<char, OpenSslStringDeleter> name(rawName);
    std::unique_ptr<char, OpenSslStringDeleter> header(rawHeader);
    std::unique_ptr<unsigned char, OpenSslBytesDeleter> data(rawData, OpenSslBytesDeleter{length});
    if (read != 1 || !name) {
        return keyError(u"key.corrupt"_s,
                        u"The key file is damaged: its text is truncated or corrupted (the "
                        u"\"-----END PRIVATE KEY-----\" line is missing or the base64 body is "
                        u"invalid). "_s +
                            kRecreateHint);
    }
    const QByteArray label(name.get());
    if (header && *header.get() != '\0') {
        // Legacy OpenSSL encryption puts "Proc-Type: 4,ENCRYPTED" headers into the PEM block.
        return wrongPemBlock("ENCRYPTED PRIVATE KEY");
    }
    if (label != "PRIVATE KEY") {
        return wrongPemBlock(label);
    }
    auto key = decodePkcs8(data.get(), length);
    if (!key) {
        return key.error();
    }
    if (const Status p256 = checkIsP256(key.value().get()); !p256) {
        return p256.error();
    }
    qCDebug(lcAuth) << "loaded a P-256 private key";
    return P8Key(std::move(key).value());
}

Result<P8Key> P8Key::fromFile(const QString &path)
{
    const QFileInfo info(path);
    if (path.isEmpty()) {
        return makeError(u"key.noFile"_s, u"No key file was given. Choose the AuthKey_<KEYID>.p8 file you "
                                          u"downloaded from App Store Connect."_s);
    }
    if (!info.exists()) {
        return makeError(
            u"key.unreadable"_s,
            u"The key file %1 does not exist. Check the path to your AuthKey_<KEYID>.p8 file."_s.arg(path));
    }
    if (info.isDir()) {
        return makeError(
            u"key.unreadable"_s,
            u"%1 is a folder, not a key file. Choose the AuthKey_<KEYID>.p8 file inside it."_s.arg(path));
    }
    if (info.size() > kMaxKeyFileSize) {
        return makeError(u"key.notPem"_s,
                         u"%1 is %2 bytes, far too large for an App Store Connect key (about 250 "
                         u"bytes). Choose the AuthKey_<KEYID>.p8 file."_s.arg(path)
                             .arg(info.size()));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            u"key.unreadable"_s,
            u"Cannot read the key file %1: %2. Check its permissions."_s.arg(path, file.errorString()));
    }
    QByteArray pem = file.read(kMaxKeyFileSize + 1);
    if (file.error() != QFileDevice::NoError) {
        secureErase(pem);
        return makeError(u"key.unreadable"_s,
                         u"Cannot read the key file %1: %2."_s.arg(path, file.errorString()));
    }
    return fromPem(std::move(pem));
}

Result<QByteArray> P8Key::signEs256(QByteArrayView message) const
{
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    size_t derLength = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &derLength,
                       reinterpret_cast<const unsigned char *>(message.data()),
                       static_cast<size_t>(message.size())) != 1) {
        return keyError(u"sign.failed"_s, u"Signing the token failed inside OpenSSL."_s);
    }
    QByteArray der(static_cast<qsizetype>(derLength), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(der.data()), &derLength,
                       reinterpret_cast<const unsigned char *>(message.data()),
                       static_cast<size_t>(message.size())) != 1) {
        return keyError(u"sign.failed"_s, u"Signing the token failed inside OpenSSL."_s);
    }
    // OpenSSL emits an ASN.1 DER ECDSA-Sig-Value; JWS (RFC 7518 §3.4) wants R and S as fixed 32-byte
    // big-endian halves. A DER signature would be rejected by Apple.
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(
        d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(derLength)));
    if (!sig) {
        return keyError(u"sign.failed"_s, u"OpenSSL produced an unreadable ECDSA signature."_s);
    }
    QByteArray raw(2 * kCoordinateBytes, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, kCoordinateBytes) != kCoordinateBytes ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + kCoordinateBytes, kCoordinateBytes) !=
            kCoordinateBytes) {
        return keyError(u"sign.failed"_s, u"An ECDSA signature half did not fit in 32 bytes."_s);
    }
    return raw;
}

QByteArray P8Key::publicKeyPem() const
{
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    char *bytes = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &bytes);
    return QByteArray(bytes, static_cast<qsizetype>(size));
}

} // namespace ascsync::auth
