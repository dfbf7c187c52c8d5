// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/TaxIdFormats.h"

#include "engine/Customer.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

namespace orb {

namespace {

/// The form of one type's values (for eu_vat: of one member state's).
struct Form {
    const char *pattern; ///< over the compact value, anchored
    const char *words;   ///< the form in words
    const char *example;
};

struct Entry {
    const char *code;
    const char *name;
    const char *countries; ///< space-separated
    Form form;
};

// Stripe's documented example for each type gives its form; where a type admits several lengths
// (a tax number with or without a branch suffix) the pattern admits them all.
const Entry kEntries[] = {
    {"ad_nrt", QT_TRANSLATE_NOOP("TaxIdType", "Andorran NRT number"), "AD", {"[A-Z]\\d{6}[A-Z]", "a letter, 6 digits and a letter", "A-123456-Z"}},
    {"ae_trn", QT_TRANSLATE_NOOP("TaxIdType", "United Arab Emirates TRN"), "AE", {"\\d{15}", "15 digits", "123456789012345"}},
    {"ar_cuit", QT_TRANSLATE_NOOP("TaxIdType", "Argentinian tax id (CUIT)"), "AR", {"\\d{11}", "11 digits", "12-3456789-01"}},
    {"au_abn", QT_TRANSLATE_NOOP("TaxIdType", "Australian Business Number (ABN)"), "AU", {"\\d{11}", "11 digits", "12345678912"}},
    {"au_arn", QT_TRANSLATE_NOOP("TaxIdType", "Australian Taxation Office Reference Number"), "AU", {"\\d{12}", "12 digits", "123456789123"}},
    {"bg_uic", QT_TRANSLATE_NOOP("TaxIdType", "Bulgarian Unified Identification Code"), "BG", {"\\d{9}|\\d{13}", "9 or 13 digits", "123456789"}},
    {"bo_tin", QT_TRANSLATE_NOOP("TaxIdType", "Bolivian tax id"), "BO", {"\\d{7,12}", "7 to 12 digits", "123456789"}},
    {"br_cnpj", QT_TRANSLATE_NOOP("TaxIdType", "Brazilian CNPJ number"), "BR", {"\\d{14}", "14 digits", "01.234.456/5432-10"}},
    {"br_cpf", QT_TRANSLATE_NOOP("TaxIdType", "Brazilian CPF number"), "BR", {"\\d{11}", "11 digits", "123.456.789-87"}},
    {"ca_bn", QT_TRANSLATE_NOOP("TaxIdType", "Canadian Business Number (BN)"), "CA", {"\\d{9}", "9 digits", "123456789"}},
    {"ca_gst_hst", QT_TRANSLATE_NOOP("TaxIdType", "Canadian GST/HST number"), "CA", {"\\d{9}RT\\d{4}", "9 digits, RT and 4 digits", "123456789RT0002"}},
    {"ca_pst_bc", QT_TRANSLATE_NOOP("TaxIdType", "Canadian PST number (British Columbia)"), "CA", {"PST\\d{8}", "PST and 8 digits", "PST-1234-5678"}},
    {"ca_pst_mb", QT_TRANSLATE_NOOP("TaxIdType", "Canadian PST number (Manitoba)"), "CA", {"\\d{7}", "7 digits", "123456-7"}},
    {"ca_pst_sk", QT_TRANSLATE_NOOP("TaxIdType", "Canadian PST number (Saskatchewan)"), "CA", {"\\d{7}", "7 digits", "1234567"}},
    {"ca_qst", QT_TRANSLATE_NOOP("TaxIdType", "Canadian QST number (Québec)"), "CA", {"\\d{10}TQ\\d{4}", "10 digits, TQ and 4 digits", "1234567890TQ1234"}},
    {"ch_vat",
     QT_TRANSLATE_NOOP("TaxIdType", "Swiss VAT number"),
     "CH",
     {"CHE\\d{9}(MWST|TVA|IVA)", "CHE, 9 digits and MWST, TVA or IVA", "CHE-123.456.789 MWST"}},
    {"cl_tin", QT_TRANSLATE_NOOP("TaxIdType", "Chilean TIN (RUT)"), "CL", {"\\d{7,8}[0-9K]", "7 or 8 digits and a check digit or K", "12.345.678-K"}},
    {"cn_tin", QT_TRANSLATE_NOOP("TaxIdType", "Chinese tax id"), "CN", {"[0-9A-Z]{15}|[0-9A-Z]{18}", "15 or 18 letters and digits", "123456789012345678"}},
    {"co_nit", QT_TRANSLATE_NOOP("TaxIdType", "Colombian NIT number"), "CO", {"\\d{8,10}", "8 to 10 digits", "123.456.789-0"}},
    {"cr_tin", QT_TRANSLATE_NOOP("TaxIdType", "Costa Rican tax id"), "CR", {"\\d{9,12}", "9 to 12 digits", "1-234-567890"}},
    {"de_stn", QT_TRANSLATE_NOOP("TaxIdType", "German tax number (Steuernummer)"), "DE", {"\\d{10,13}", "10 to 13 digits", "1234567890"}},
    {"do_rcn", QT_TRANSLATE_NOOP("TaxIdType", "Dominican RCN number"), "DO", {"\\d{9}|\\d{11}", "9 or 11 digits", "123-4567890-1"}},
    {"ec_ruc", QT_TRANSLATE_NOOP("TaxIdType", "Ecuadorian RUC number"), "EC", {"\\d{13}", "13 digits", "1234567890001"}},
    {"eg_tin", QT_TRANSLATE_NOOP("TaxIdType", "Egyptian tax identification number"), "EG", {"\\d{9}", "9 digits", "123456789"}},
    {"es_cif",
     QT_TRANSLATE_NOOP("TaxIdType", "Spanish NIF (CIF) number"),
     "ES",
     {"[0-9A-Z]\\d{7}[0-9A-Z]", "a letter or digit, 7 digits and a letter or digit", "A12345678"}},
    {"eu_oss_vat",
     QT_TRANSLATE_NOOP("TaxIdType", "EU One Stop Shop VAT number (non-Union scheme)"),
     "EU AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK",
     {"EU\\d{9}", "EU and 9 digits", "EU123456789"}},
    {"eu_vat", QT_TRANSLATE_NOOP("TaxIdType", "EU VAT number"), "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK GB", {}},
    {"gb_vat", QT_TRANSLATE_NOOP("TaxIdType", "UK VAT number"), "GB", {"GB(\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3})", "GB and 9 or 12 digits", "GB123456789"}},
    {"ge_vat", QT_TRANSLATE_NOOP("TaxIdType", "Georgian VAT number"), "GE", {"\\d{9}", "9 digits", "123456789"}},
    {"hk_br", QT_TRANSLATE_NOOP("TaxIdType", "Hong Kong BR number"), "HK", {"\\d{8}", "8 digits", "12345678"}},
    {"hr_oib", QT_TRANSLATE_NOOP("TaxIdType", "Croatian personal identification number (OIB)"), "HR", {"\\d{11}", "11 digits", "12345678901"}},
    {"hu_tin", QT_TRANSLATE_NOOP("TaxIdType", "Hungarian tax number (adószám)"), "HU", {"\\d{11}", "11 digits", "12345678-1-23"}},
    {"id_npwp", QT_TRANSLATE_NOOP("TaxIdType", "Indonesian NPWP number"), "ID", {"\\d{15,16}", "15 or 16 digits", "012.345.678.9-012.345"}},
    {"il_vat", QT_TRANSLATE_NOOP("TaxIdType", "Israeli VAT number"), "IL", {"\\d{9}", "9 digits", "000012345"}},
    {"in_gst",
     QT_TRANSLATE_NOOP("TaxIdType", "Indian GST number"),
     "IN",
     {"\\d{2}[A-Z]{5}\\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]", "2 digits, a 10-character PAN, a digit or letter, Z and a check character", "12ABCDE3456FGZH"}},
    {"is_vat", QT_TRANSLATE_NOOP("TaxIdType", "Icelandic VAT number"), "IS", {"\\d{5,6}", "5 or 6 digits", "123456"}},
    {"jp_cn", QT_TRANSLATE_NOOP("TaxIdType", "Japanese corporate number (Hōjin Bangō)"), "JP", {"\\d{13}", "13 digits", "1234567891234"}},
    {"jp_rn", QT_TRANSLATE_NOOP("TaxIdType", "Japanese registration number of a registered foreign business"), "JP", {"\\d{5}", "5 digits", "12345"}},
    {"jp_trn", QT_TRANSLATE_NOOP("TaxIdType", "Japanese tax registration number (Tōroku Bangō)"), "JP", {"T\\d{13}", "T and 13 digits", "T1234567891234"}},
    {"ke_pin", QT_TRANSLATE_NOOP("TaxIdType", "Kenya Revenue Authority PIN"), "KE", {"[AP]\\d{9}[A-Z]", "A or P, 9 digits and a letter", "P000111111A"}},
    {"kr_brn", QT_TRANSLATE_NOOP("TaxIdType", "Korean business registration number (BRN)"), "KR", {"\\d{10}", "10 digits", "123-45-67890"}},
    {"li_uid", QT_TRANSLATE_NOOP("TaxIdType", "Liechtenstein UID number"), "LI", {"CHE\\d{9}", "CHE and 9 digits", "CHE123456789"}},
    {"li_vat", QT_TRANSLATE_NOOP("TaxIdType", "Liechtenstein VAT number"), "LI", {"\\d{5}", "5 digits", "12345"}},
    {"mx_rfc",
     QT_TRANSLATE_NOOP("TaxIdType", "Mexican RFC number"),
     "MX",
     {"[A-ZÑ&]{3,4}\\d{6}[0-9A-Z]{3}", "3 or 4 letters, 6 digits and 3 letters or digits", "ABC010203AB9"}},
    {"my_frp", QT_TRANSLATE_NOOP("TaxIdType", "Malaysian FRP number"), "MY", {"\\d{8}", "8 digits", "12345678"}},
    {"my_itn", QT_TRANSLATE_NOOP("TaxIdType", "Malaysian ITN"), "MY", {"[A-Z]{1,2}\\d{10,11}", "1 or 2 letters and 10 or 11 digits", "C 1234567890"}},
    {"my_sst", QT_TRANSLATE_NOOP("TaxIdType", "Malaysian SST number"), "MY", {"[A-Z]\\d{14}", "a letter and 14 digits", "A12-3456-78912345"}},
    {"no_vat", QT_TRANSLATE_NOOP("TaxIdType", "Norwegian VAT number"), "NO", {"\\d{9}MVA", "9 digits and MVA", "123456789MVA"}},
    {"no_voec", QT_TRANSLATE_NOOP("TaxIdType", "Norwegian VAT on e-commerce number (VOEC)"), "NO", {"\\d{7}", "7 digits", "1234567"}},
    {"nz_gst", QT_TRANSLATE_NOOP("TaxIdType", "New Zealand GST number"), "NZ", {"\\d{8,9}", "8 or 9 digits", "123456789"}},
    {"pe_ruc", QT_TRANSLATE_NOOP("TaxIdType", "Peruvian RUC number"), "PE", {"\\d{11}", "11 digits", "12345678901"}},
    {"ph_tin", QT_TRANSLATE_NOOP("TaxIdType", "Philippine tax identification number"), "PH", {"\\d{9}(\\d{3}|\\d{5})?", "9, 12 or 14 digits", "123456789012"}},
    {"ro_tin", QT_TRANSLATE_NOOP("TaxIdType", "Romanian tax id number"), "RO", {"\\d{13}", "13 digits", "1234567890123"}},
    {"rs_pib", QT_TRANSLATE_NOOP("TaxIdType", "Serbian PIB number"), "RS", {"\\d{9}", "9 digits", "123456789"}},
    {"ru_inn", QT_TRANSLATE_NOOP("TaxIdType", "Russian INN"), "RU", {"\\d{10}|\\d{12}", "10 or 12 digits", "1234567891"}},
    {"ru_kpp", QT_TRANSLATE_NOOP("TaxIdType", "Russian KPP"), "RU", {"\\d{9}", "9 digits", "123456789"}},
    {"sa_vat", QT_TRANSLATE_NOOP("TaxIdType", "Saudi Arabian VAT number"), "SA", {"\\d{15}", "15 digits", "123456789012345"}},
    {"sg_gst",
     QT_TRANSLATE_NOOP("TaxIdType", "Singaporean GST number"),
     "SG",
     {"[0-9A-Z]\\d{7,8}[A-Z]", "a letter or digit, 7 or 8 digits and a letter", "M12345678X"}},
    {"sg_uen",
     QT_TRANSLATE_NOOP("TaxIdType", "Singaporean UEN"),
     "SG",
     {"\\d{8,9}[A-Z]|[TSR]\\d{2}[A-Z]{2}\\d{4}[A-Z]", "8 or 9 digits and a letter", "123456789F"}},
    {"si_tin", QT_TRANSLATE_NOOP("TaxIdType", "Slovenian tax number (davčna številka)"), "SI", {"\\d{8}", "8 digits", "12345678"}},
    {"sv_nit", QT_TRANSLATE_NOOP("TaxIdType", "Salvadoran NIT number"), "SV", {"\\d{14}", "14 digits", "1234-567890-123-4"}},
    {"th_vat", QT_TRANSLATE_NOOP("TaxIdType", "Thai VAT number"), "TH", {"\\d{13}", "13 digits", "1234567891234"}},
    {"tr_tin", QT_TRANSLATE_NOOP("TaxIdType", "Turkish tax identification number"), "TR", {"\\d{10}", "10 digits", "0123456789"}},
    {"tw_vat", QT_TRANSLATE_NOOP("TaxIdType", "Taiwanese VAT number"), "TW", {"\\d{8}", "8 digits", "12345678"}},
    {"ua_vat", QT_TRANSLATE_NOOP("TaxIdType", "Ukrainian VAT number"), "UA", {"\\d{9,12}", "9 to 12 digits", "123456789"}},
    {"us_ein", QT_TRANSLATE_NOOP("TaxIdType", "US Employer Identification Number (EIN)"), "US", {"\\d{9}", "9 digits", "12-3456789"}},
    {"uy_ruc", QT_TRANSLATE_NOOP("TaxIdType", "Uruguayan RUC number"), "UY", {"\\d{12}", "12 digits", "123456789012"}},
    {"ve_rif", QT_TRANSLATE_NOOP("TaxIdType", "Venezuelan RIF number"), "VE", {"[A-Z]\\d{9}", "a letter and 9 digits", "A-12345678-9"}},
    {"vn_tin", QT_TRANSLATE_NOOP("TaxIdType", "Vietnamese tax id number"), "VN", {"\\d{10}(\\d{3})?", "10 or 13 digits", "1234567890"}},
    {"za_vat", QT_TRANSLATE_NOOP("TaxIdType", "South African VAT number"), "ZA", {"4\\d{9}", "10 digits starting with 4", "4123456789"}},
};

/// EU VAT numbers by member state, as VIES checks them; the value starts with the state's
/// prefix (EL for Greece; XI for Northern Ireland, whose customers' country is GB).
struct EuForm {
    const char *country;
    Form form;
};
const EuForm kEuForms[] = {
    {"AT", {"ATU\\d{8}", "ATU and 8 digits", "ATU12345678"}},
    {"BE", {"BE[01]\\d{9}", "BE and 10 digits starting with 0 or 1", "BE0123456789"}},
    {"BG", {"BG\\d{9,10}", "BG and 9 or 10 digits", "BG0123456789"}},
    {"CY", {"CY\\d{8}[A-Z]", "CY, 8 digits and a letter", "CY12345678Z"}},
    {"CZ", {"CZ\\d{8,10}", "CZ and 8 to 10 digits", "CZ1234567890"}},
    {"DE", {"DE\\d{9}", "DE and 9 digits", "DE123456789"}},
    {"DK", {"DK\\d{8}", "DK and 8 digits", "DK12345678"}},
    {"EE", {"EE\\d{9}", "EE and 9 digits", "EE123456789"}},
    {"ES", {"ES[0-9A-Z]\\d{7}[0-9A-Z]", "ES, a letter or digit, 7 digits and a letter or digit", "ESA1234567Z"}},
    {"FI", {"FI\\d{8}", "FI and 8 digits", "FI12345678"}},
    {"FR", {"FR[0-9A-HJ-NP-Z]{2}\\d{9}", "FR, 2 letters or digits and 9 digits", "FRAB123456789"}},
    {"GR", {"EL\\d{9}", "EL and 9 digits", "EL123456789"}},
    {"HR", {"HR\\d{11}", "HR and 11 digits", "HR12345678912"}},
    {"HU", {"HU\\d{8}", "HU and 8 digits", "HU12345678"}},
    {"IE", {"IE(\\d{7}[A-W][A-IW]?|\\d[A-Z+*]\\d{5}[A-W])", "IE, 7 digits and 1 or 2 letters", "IE1234567AB"}},
    {"IT", {"IT\\d{11}", "IT and 11 digits", "IT12345678912"}},
    {"LT", {"LT(\\d{9}|\\d{12})", "LT and 9 or 12 digits", "LT123456789123"}},
    {"LU", {"LU\\d{8}", "LU and 8 digits", "LU12345678"}},
    {"LV", {"LV\\d{11}", "LV and 11 digits", "LV12345678912"}},
    {"MT", {"MT\\d{8}", "MT and 8 digits", "MT12345678"}},
    {"NL", {"NL\\d{9}B\\d{2}", "NL, 9 digits, B and 2 digits", "NL123456789B12"}},
    {"PL", {"PL\\d{10}", "PL and 10 digits", "PL1234567890"}},
    {"PT", {"PT\\d{9}", "PT and 9 digits", "PT123456789"}},
    {"RO", {"RO\\d{2,10}", "RO and 2 to 10 digits", "RO1234567891"}},
    {"SE", {"SE\\d{10}01", "SE, 10 digits and 01", "SE123456789123"}},
    {"SI", {"SI\\d{8}", "SI and 8 digits", "SI12345678"}},
    {"SK", {"SK\\d{10}", "SK and 10 digits", "SK1234567891"}},
    {"GB", {"XI(\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3})", "XI and 9 or 12 digits (Northern Ireland)", "XI123456789"}},
};

const Form *formOf(const QString &code, const QString &country)
{
    if (code == QLatin1String("eu_vat")) {
        for (const EuForm &e : kEuForms)
            if (country == QLatin1String(e.country))
                return &e.form;
        return nullptr;
    }
    for (const Entry &e : kEntries)
        if (code == QLatin1String(e.code))
            return &e.form;
    return nullptr;
}

bool matches(const Form &form, const QString &compactValue)
{
    // The patterns are a fixed table: compiled once, all together (thread-safe static init).
    static const QHash<const Form *, QRegularExpression> compiled = [] {
        QHash<const Form *, QRegularExpression> out;
        const auto add = [&out](const Form &f) {
            if (f.pattern)
                out.insert(&f, QRegularExpression(QRegularExpression::anchoredPattern(QString::fromUtf8(f.pattern))));
        };
        for (const Entry &e : kEntries)
            add(e.form);
        for (const EuForm &e : kEuForms)
            add(e.form);
        return out;
    }();
    const auto it = compiled.constFind(&form);
    return it == compiled.constEnd() || it->match(compactValue).hasMatch();
}

} // namespace

const QList<TaxIdType> &TaxIdFormats::types()
{
    static const QList<TaxIdType> types = [] {
        QList<TaxIdType> out;
        for (const Entry &e : kEntries)
            out.append({QString::fromLatin1(e.code), e.name, QString::fromLatin1(e.countries).split(QLatin1Char(' '))});
        return out;
    }();
    return types;
}

const TaxIdType *TaxIdFormats::find(const QString &code)
{
    for (const TaxIdType &t : types())
        if (t.code == code)
            return &t;
    return nullptr;
}

QString TaxIdFormats::compact(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value)
        if (!c.isSpace() && c != QLatin1Char('.') && c != QLatin1Char('-') && c != QLatin1Char('/'))
            out.append(c.toUpper());
    return out;
}

QString TaxIdFormats::describe(const QString &code, const QString &country)
{
    const Form *form = formOf(code, country);
    if (!form)
        return {};
    return QStringLiteral("%1, such as %2").arg(QString::fromUtf8(form->words), QString::fromUtf8(form->example));
}

QString TaxIdFormats::example(const QString &code, const QString &country)
{
    const Form *form = formOf(code, country);
    return form ? QString::fromUtf8(form->example) : QString();
}

QString TaxIdFormats::displayName(const QString &code)
{
    const TaxIdType *type = find(code);
    return type ? QCoreApplication::translate("TaxIdType", type->name) : code;
}

FieldErrors TaxIdFormats::check(const TaxId &id)
{
    FieldErrors errors;
    const TaxIdType *type = find(id.type);
    if (!type) {
        errors.append({QStringLiteral("tax_id.type"), QStringLiteral("\"%1\" is not a known tax id type (such as eu_vat, gb_vat, us_ein)").arg(id.type)});
        return errors;
    }
    if (!type->countries.contains(id.country)) {
        errors.append(
            {QStringLiteral("tax_id.country"), QStringLiteral("the %1 (%2) is issued in %3, not in \"%4\"")
                                                   .arg(QString::fromUtf8(type->name), type->code, type->countries.join(QStringLiteral(", ")), id.country)});
        return errors;
    }
    const Form *form = formOf(id.type, id.country);
    if (form && !matches(*form, compact(id.value)))
        errors.append({QStringLiteral("tax_id.value"), QStringLiteral("\"%1\" does not have the form of the %2 of %3: %4")
                                                           .arg(id.value, QString::fromUtf8(type->name), id.country, describe(id.type, id.country))});
    return errors;
}

} // namespace orb
