// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small SMTP server for tests, on 127.0.0.1 in its own thread.
#include <QHostAddress>
#include <QMutex>
#include <QSemaphore>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <memory>

namespace orb::test {

/// What the sink received of one complete message.
struct Received {
    QString login; ///< "user:password" from AUTH PLAIN / LOGIN
    QString from;
    QStringList rcpt;
    QByteArray data;
};

/**
 * A minimal SMTP server on 127.0.0.1 in its own thread (libcurl blocks the test's thread):
 * EHLO with AUTH PLAIN LOGIN, MAIL, RCPT, DATA, QUIT. It can refuse every login (535) or close
 * the connection in the middle of a message's data.
 */
class SmtpSink final : public QThread
{
public:
    enum class Mode { Accept, RefuseLogin, DropInData };
    explicit SmtpSink(Mode mode) : m_mode(mode) {}
    ~SmtpSink() override
    {
        quit();
        wait();
    }

    quint16 startSink()
    {
        start();
        m_ready.acquire();
        return m_port;
    }

    QList<Received> received() const
    {
        QMutexLocker l(&m_lock);
        return m_received;
    }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        m_port = server.serverPort();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
            while (QTcpSocket *s = server.nextPendingConnection())
                serve(s);
        });
        m_ready.release();
        exec();
    }

private:
    struct Session {
        Received current;
        bool inData = false;
        QString authStep; ///< "", "plain", "login-user", "login-pass"
        QString user;
        QByteArray buffer;
    };

    void serve(QTcpSocket *s)
    {
        auto session = std::make_shared<Session>();
        s->write("220 sink.test ESMTP\r\n");
        QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, session] {
            session->buffer += s->readAll();
            for (;;) {
                if (session->inData) {
                    if (m_mode == Mode::DropInData && session->buffer.size() > 200) {
                        s->abort(); // the server goes away in the middle of the message
                        return;
                    }
                    const qsizetype end = session->buffer.indexOf("\r\n.\r\n");
                    if (end < 0)
                        return;
                    QByteArray data = session->buffer.left(end + 2);
                    session->buffer.remove(0, end + 5);
                    data.replace("\r\n..", "\r\n.");
                    session->current.data = data;
                    session->inData = false;
                    {
                        QMutexLocker l(&m_lock);
                        m_received.append(session->current);
                    }
                    session->current = Received{session->current.login, {}, {}, {}};
                    s->write("250 2.0.0 queued\r\n");
                    continue;
                }
                const qsizetype nl = session->buffer.indexOf("\r\n");
                if (nl < 0)
                    return;
                const QByteArray line = session->buffer.left(nl);
                session->buffer.remove(0, nl + 2);
                command(s, *session, line);
            }
        });
    }

    void command(QTcpSocket *s, Session &session, const QByteArray &line)
    {
        auto decode = [](const QByteArray &b64) { return QString::fromUtf8(QByteArray::fromBase64(b64.trimmed())); };
        auto login = [&](const QString &user, const QString &password) {
            session.current.login = user + QLatin1Char(':') + password;
            s->write(m_mode == Mode::RefuseLogin ? "535 5.7.8 Authentication credentials invalid\r\n" : "235 2.7.0 Authentication successful\r\n");
        };
        if (session.authStep == QLatin1String("plain")) {
            session.authStep.clear();
            const QStringList parts = decode(line).split(QChar(0));
            login(parts.value(1), parts.value(2));
            return;
        }
        if (session.authStep == QLatin1String("login-user")) {
            session.user = decode(line);
            session.authStep = QStringLiteral("login-pass");
            s->write("334 UGFzc3dvcmQ6\r\n");
            return;
        }
        if (session.authStep == QLatin1String("login-pass")) {
            session.authStep.clear();
            login(session.user, decode(line));
            return;
        }
        const QByteArray upper = line.toUpper();
        if (upper.startsWith("EHLO")) {
            s->write("250-sink.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
        } else if (upper.startsWith("HELO")) {
            s->write("250 sink.test\r\n");
        } else if (upper.startsWith("AUTH PLAIN")) {
            const QByteArray initial = line.mid(10).trimmed();
            if (initial.isEmpty()) {
                session.authStep = QStringLiteral("plain");
                s->write("334 \r\n");
            } else {
                const QStringList parts = decode(initial).split(QChar(0));
                login(parts.value(1), parts.value(2));
            }
        } else if (upper.startsWith("AUTH LOGIN")) {
            session.authStep = QStringLiteral("login-user");
            s->write("334 VXNlcm5hbWU6\r\n");
        } else if (upper.startsWith("MAIL FROM:")) {
            session.current.from = QString::fromUtf8(line.mid(10)).section(QLatin1Char('<'), 1).section(QLatin1Char('>'), 0, 0);
            s->write("250 2.1.0 ok\r\n");
        } else if (upper.startsWith("RCPT TO:")) {
            session.current.rcpt << QString::fromUtf8(line.mid(8)).section(QLatin1Char('<'), 1).section(QLatin1Char('>'), 0, 0);
            s->write("250 2.1.5 ok\r\n");
        } else if (upper == "DATA") {
            session.inData = true;
            s->write("354 end with <CRLF>.<CRLF>\r\n");
        } else if (upper == "QUIT") {
            s->write("221 2.0.0 bye\r\n");
            s->disconnectFromHost();
        } else if (upper == "RSET" || upper == "NOOP") {
            s->write("250 ok\r\n");
        } else {
            s->write("502 5.5.2 not implemented\r\n");
        }
    }

    Mode m_mode;
    quint16 m_port = 0;
    QSemaphore m_ready;
    mutable QMutex m_lock;
    QList<Received> m_received;
};

} // namespace orb::test
