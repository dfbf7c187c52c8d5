#pragma once

#include <QWidget>

namespace orb {

/// A screen whose capability has not landed yet: it says which capability brings it and does
/// nothing else, so nothing pretends to work.
class PendingScreen final : public QWidget
{
    Q_OBJECT

public:
    PendingScreen(const QString &title, const QString &capability, const QString &whatItWillDo, QWidget *parent = nullptr);
};

} // namespace orb
