#include "ui/screens/PendingScreen.h"

#include <QLabel>
#include <QVBoxLayout>

namespace orb {

PendingScreen::PendingScreen(const QString &title, const QString &capability, const QString &whatItWillDo, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(title, this);
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    heading->setFont(f);
    auto *body = new QLabel(tr("<p>%1</p><p><b>Not available yet.</b> This screen arrives with the %2 capability of Orb. "
                               "Until then nothing here can be changed.</p>")
                                .arg(whatItWillDo.toHtmlEscaped(), capability.toHtmlEscaped()),
                            this);
    body->setWordWrap(true);
    body->setTextFormat(Qt::RichText);
    layout->addWidget(heading);
    layout->addWidget(body);
    layout->addStretch();
    setAccessibleName(title);
}

} // namespace orb
