<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>StatusText</name>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln week(s)</source>
        <translation>
            <numerusform>%Ln week</numerusform>
            <numerusform>%Ln weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln month(s)</source>
        <translation>
            <numerusform>%Ln month</numerusform>
            <numerusform>%Ln months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln year(s)</source>
        <translation>
            <numerusform>%Ln year</numerusform>
            <numerusform>%Ln years</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::AuditTrailDialog</name>
    <message numerus="yes">
        <source>The latest %Ln entries of the company file.</source>
        <translation>
            <numerusform>The latest entry of the company file.</numerusform>
            <numerusform>The latest %Ln entries of the company file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries for %1:%2.</source>
        <translation>
            <numerusform>%Ln entry for %1:%2.</numerusform>
            <numerusform>%Ln entries for %1:%2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The chain of %Ln entries is intact. Head hash: %1 (keep it elsewhere to detect a trail cut short).</source>
        <translation>
            <numerusform>The chain of %Ln entry is intact. Head hash: %1 (keep it elsewhere to detect a trail cut short).</numerusform>
            <numerusform>The chain of %Ln entries is intact. Head hash: %1 (keep it elsewhere to detect a trail cut short).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln entries of the company on the server.</source>
        <translation>
            <numerusform>The latest entry of the company on the server.</numerusform>
            <numerusform>The latest %Ln entries of the company on the server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::CouponsScreen</name>
    <message numerus="yes">
        <source>%Ln month(s)</source>
        <translation>
            <numerusform>%Ln month</numerusform>
            <numerusform>%Ln months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Coupon %1&lt;/b&gt;, redeemed %Ln time(s): only the redemptions allowed can change.</source>
        <translation>
            <numerusform>&lt;b&gt;Coupon %1&lt;/b&gt;, redeemed once: only the redemptions allowed can change.</numerusform>
            <numerusform>&lt;b&gt;Coupon %1&lt;/b&gt;, redeemed %Ln times: only the redemptions allowed can change.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::CustomerBillingView</name>
    <message numerus="yes">
        <source>%Ln more on the Invoices screen.</source>
        <translation>
            <numerusform>%Ln more on the Invoices screen.</numerusform>
            <numerusform>%Ln more on the Invoices screen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::CustomersScreen</name>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;%Ln customer(s)&lt;/b&gt; shown.&lt;/p&gt;&lt;p&gt;Select a customer to see the details.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;%Ln customer&lt;/b&gt; shown.&lt;/p&gt;&lt;p&gt;Select a customer to see the details.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;%Ln customers&lt;/b&gt; shown.&lt;/p&gt;&lt;p&gt;Select a customer to see the details.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::DashboardScreen</name>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;a href=&quot;draft&quot;&gt;%Ln draft invoice(s) to issue&lt;/a&gt;&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;a href=&quot;draft&quot;&gt;%Ln draft invoice to issue&lt;/a&gt;&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;a href=&quot;draft&quot;&gt;%Ln draft invoices to issue&lt;/a&gt;&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;a href=&quot;overdue&quot;&gt;%Ln overdue invoice(s)&lt;/a&gt;: %1 to collect&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;a href=&quot;overdue&quot;&gt;%Ln overdue invoice&lt;/a&gt;: %1 to collect&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;a href=&quot;overdue&quot;&gt;%Ln overdue invoices&lt;/a&gt;: %1 to collect&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%Ln subscription(s) could not be billed by the last invoice run:&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%Ln subscription could not be billed by the last invoice run:&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%Ln subscriptions could not be billed by the last invoice run:&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%Ln disputed payment(s): the bank holds the money until each is decided; answer them in Stripe:&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%Ln disputed payment: the bank holds the money until each is decided; answer them in Stripe:&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%Ln disputed payments: the bank holds the money until each is decided; answer them in Stripe:&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%Ln usage event(s) rejected by imports in the last 7 days&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%Ln usage event rejected by imports in the last 7 days&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%Ln usage events rejected by imports in the last 7 days&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::InvoiceDetailView</name>
    <message numerus="yes">
        <source>sent; %Ln payment(s) or credit note(s) recorded here not yet told to Stripe</source>
        <translation>
            <numerusform>sent; %Ln payment or credit note recorded here not yet told to Stripe</numerusform>
            <numerusform>sent; %Ln payments or credit notes recorded here not yet told to Stripe</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::InvoiceRunDialog</name>
    <message numerus="yes">
        <source>A run would create %Ln invoice(s)</source>
        <translation>
            <numerusform>A run would create %Ln invoice</numerusform>
            <numerusform>A run would create %Ln invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Created %Ln invoice(s)</source>
        <translation>
            <numerusform>Created %Ln invoice</numerusform>
            <numerusform>Created %Ln invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, refresh %Ln draft(s)</source>
        <translation>
            <numerusform>, refresh %Ln draft</numerusform>
            <numerusform>, refresh %Ln drafts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln subscription(s) could not be billed; every other subscription was:</source>
        <translation>
            <numerusform>%Ln subscription could not be billed; every other subscription was:</numerusform>
            <numerusform>%Ln subscriptions could not be billed; every other subscription was:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::InvoicesScreen</name>
    <message numerus="yes">
        <source>%Ln invoice(s)</source>
        <translation>
            <numerusform>%Ln invoice</numerusform>
            <numerusform>%Ln invoices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::LedgerExportDialog</name>
    <message numerus="yes">
        <source>%Ln journal entries in this period.</source>
        <translation>
            <numerusform>%Ln journal entry in this period.</numerusform>
            <numerusform>%Ln journal entries in this period.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln journal entries to %1.</source>
        <translation>
            <numerusform>Wrote %Ln journal entry to %1.</numerusform>
            <numerusform>Wrote %Ln journal entries to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::MainWindow</name>
    <message numerus="yes">
        <source>Warning: %Ln row(s) of this company were changed outside Orb</source>
        <translation>
            <numerusform>Warning: %Ln row of this company was changed outside Orb</numerusform>
            <numerusform>Warning: %Ln rows of this company were changed outside Orb</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::PriceSummary</name>
    <message numerus="yes">
        <source>Every %Ln day(s)</source>
        <translation>
            <numerusform>Every day</numerusform>
            <numerusform>Every %Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %Ln month(s)</source>
        <translation>
            <numerusform>Every month</numerusform>
            <numerusform>Every %Ln months</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::ReportsScreen</name>
    <message numerus="yes">
        <source>%Ln open invoice(s)</source>
        <translation>
            <numerusform>%Ln open invoice</numerusform>
            <numerusform>%Ln open invoices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::SettingsScreen</name>
    <message numerus="yes">
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::SubscriptionTableModel</name>
    <message numerus="yes">
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::SubscriptionsScreen</name>
    <message numerus="yes">
        <source>%Ln subscription(s)</source>
        <translation>
            <numerusform>%Ln subscription</numerusform>
            <numerusform>%Ln subscriptions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trial day(s)</source>
        <translation>
            <numerusform>%Ln trial day</numerusform>
            <numerusform>%Ln trial days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>payable within %Ln day(s)</source>
        <translation>
            <numerusform>payable within %Ln day</numerusform>
            <numerusform>payable within %Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orb::UsageScreen</name>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
</context>
</TS>
