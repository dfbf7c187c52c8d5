#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace orb {

class Clock;
class CompanyFile;

/// The company's settings: name, address, tax id, currency, time zone, numbering, document
/// locale, and the billing settings kept in the company file.
class SettingsScreen final : public QWidget
{
    Q_OBJECT

public:
    SettingsScreen(CompanyFile &file, const Clock &clock, QWidget *parent = nullptr);

public slots:
    void load();
    void save();

signals:
    void settingsChanged();

private:
    CompanyFile &m_file;
    const Clock &m_clock;
    QLineEdit *m_name, *m_email, *m_line1, *m_line2, *m_city, *m_state, *m_postal, *m_country, *m_taxId, *m_prefix;
    QComboBox *m_currency;
    QComboBox *m_timezone;
    QComboBox *m_locale;
    QSpinBox *m_grace;
    QSpinBox *m_netTerms;
    QLabel *m_status;
    QPushButton *m_save;
};

} // namespace orb
