#pragma once

#include <QWidget>

class QLabel;

namespace orb {

class CompanyFile;

/// The first screen: the company at a glance. Figures of capabilities still to come are not
/// shown as zeros; the screen says which capability brings them.
class DashboardScreen final : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardScreen(CompanyFile &file, QWidget *parent = nullptr);

public slots:
    void refresh();

private:
    CompanyFile &m_file;
    QLabel *m_heading;
    QLabel *m_customers;
    QLabel *m_pending;
};

} // namespace orb
