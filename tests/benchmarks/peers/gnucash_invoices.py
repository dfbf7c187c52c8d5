#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The peer of Orb's issuing benchmark: GnuCash creating and posting customer invoices.

Builds a fresh GnuCash SQLite book (GnuCash's Python bindings, Debian's python3-gnucash) with an
accounts-receivable, an income and a tax-payable account, a 19 % tax table and N customers,
then creates N invoices of 3 taxed lines each (one a customer, numbered by GnuCash's own
counter) and posts each to accounts receivable. Only the invoices are timed: the book, the
accounts, the tax table and the customers are set up before, as Orb's side sets up its
customers and subscriptions before it times `invoices run` + `invoices issue --all-due`.

  gnucash_invoices.py --invoices N [--dir DIR]

The last line it prints is machine-read by bench_issuing --peer:
  gnucash: N invoices in S s wall, C s CPU
The CPU time is the one to compare on a shared machine: the wall time also counts the time
spent waiting for a core (and, on a disk, for GnuCash's commit of every object).
"""

import argparse
import datetime
import glob
import os
import sys
import time

try:
    from gnucash import Account, GncNumeric, Session, SessionOpenMode
    from gnucash.gnucash_business import Customer, Entry, Invoice, TaxTable, TaxTableEntry
    from gnucash.gnucash_core_c import ACCT_TYPE_INCOME, ACCT_TYPE_LIABILITY, ACCT_TYPE_RECEIVABLE
except ImportError as e:  # pragma: no cover - depends on the machine
    sys.exit("gnucash_invoices.py: GnuCash's Python bindings are missing (%s); "
             "install them with scripts/install-bench-deps.sh (Debian: python3-gnucash)" % e)

# The same three lines as Orb's side (bench_issuing --peer): amounts in cents.
LINES = [("Platform", 1, 9900), ("Support", 1, 2500), ("Seats", 5, 1200)]
TAX_PERCENT = GncNumeric(19, 1)


def account(book, parent, name, kind, currency):
    a = Account(book)
    parent.append_child(a)
    a.BeginEdit()
    a.SetName(name)
    a.SetType(kind)
    a.SetCommodity(currency)
    a.CommitEdit()
    return a


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, required=True, help="how many invoices (and customers)")
    parser.add_argument("--dir", default="/tmp", help="where the book is written (removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the book (to look into it)")
    args = parser.parse_args()
    if args.invoices < 1:
        parser.error("--invoices must be at least 1")
    path = os.path.join(os.path.abspath(args.dir), "bench_issuing_peer.gnucash")
    for leftover in [path, path + ".LCK", path + ".LNK"] + glob.glob(path + ".*.log"):
        if os.path.exists(leftover):
            os.remove(leftover)

    # A new book is written whole by its first save; opened again, GnuCash's SQL backend
    # commits every object as it is committed, which is how a book is used.
    session = Session("sqlite3://" + path, SessionOpenMode.SESSION_NEW_STORE)
    session.save()
    session.end()
    session = Session("sqlite3://" + path, SessionOpenMode.SESSION_NORMAL_OPEN)
    try:
        setup_start = time.perf_counter()
        book = session.book
        usd = book.get_table().lookup("CURRENCY", "USD")
        root = book.get_root_account()
        receivable = account(book, root, "Accounts Receivable", ACCT_TYPE_RECEIVABLE, usd)
        income = account(book, root, "Income", ACCT_TYPE_INCOME, usd)
        tax_payable = account(book, root, "Tax payable", ACCT_TYPE_LIABILITY, usd)
        tax = TaxTable(book, "VAT 19", TaxTableEntry(tax_payable, True, TAX_PERCENT))
        customers = [Customer(book, "C%06d" % c, usd, "Customer %d" % c) for c in range(args.invoices)]
        setup_seconds = time.perf_counter() - setup_start

        day = datetime.date(2026, 2, 1)
        due = day + datetime.timedelta(days=30)
        start = time.perf_counter()
        cpu_start = time.process_time()
        for customer in customers:
            invoice = Invoice(book, book.InvoiceNextID(customer), usd, customer, day)
            for name, quantity, cents in LINES:
                entry = Entry(book, invoice, day)
                entry.SetDescription(name)
                entry.SetQuantity(GncNumeric(quantity, 1))
                entry.SetInvPrice(GncNumeric(cents, 100))
                entry.SetInvAccount(income)
                entry.SetInvTaxable(True)
                entry.SetInvTaxIncluded(False)
                entry.SetInvTaxTable(tax)
            # Posting writes the transaction: receivable against income and tax.
            invoice.PostToAccount(receivable, day, due, "invoice", True, False)
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start

        # A check that the book holds what was asked: N posted invoices, the last one's total.
        last = book.InvoiceLookupByID(invoice.GetID())
        total = last.GetTotal()
        print("gnucash: setup (accounts, tax table, %d customers) %.2f s" % (args.invoices, setup_seconds))
        print("gnucash: last invoice %s total %s, posted %s" % (last.GetID(), total.to_string(), last.IsPosted()))
    finally:
        session.end()
    # GnuCash also writes a transaction journal beside the book (BOOK.YYYYMMDDhhmmss.log).
    for leftover in [] if args.keep else [path, path + ".LCK", path + ".LNK"] + glob.glob(path + ".*.log"):
        if os.path.exists(leftover):
            os.remove(leftover)
    print("gnucash: %d invoices in %.3f s wall, %.3f s CPU" % (args.invoices, seconds, cpu_seconds))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
