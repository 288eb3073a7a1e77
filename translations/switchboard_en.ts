<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>main</name>
    <message>
        <location filename="../console/main.cpp" line="29"/>
        <source>Live monitoring of Switchboard backends. Without --url and --token a dialog asks for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/main.cpp" line="34"/>
        <source>The backend&apos;s base URL, e.g. http://127.0.0.1:8080.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/main.cpp" line="37"/>
        <source>An API token of the backend (any reading role).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/main.cpp" line="41"/>
        <source>Save a PNG of every view into DIR once they show data, then exit (needs --url and --token).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::AlertsModel</name>
    <message numerus="yes">
        <location filename="../console/alertsmodel.cpp" line="49"/>
        <source>%n alert(s) could not be read: %1</source>
        <translation>
            <numerusform>%n alert could not be read: %1</numerusform>
            <numerusform>%n alerts could not be read: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="61"/>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="61"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="101"/>
        <source>%1
What to do: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="119"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="120"/>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="121"/>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="122"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="123"/>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::AlertsView</name>
    <message>
        <location filename="../console/ui/alertsview.cpp" line="87"/>
        <source>No active alerts: costs and call quality are within their thresholds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/alertsview.cpp" line="90"/>
        <source>%n active alert(s), %1 critical.</source>
        <translation>
            <numerusform>%n active alert, %1 critical.</numerusform>
            <numerusform>%n active alerts, %1 critical.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../console/ui/alertsview.cpp" line="93"/>
        <source>Newest: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ApiClient</name>
    <message>
        <location filename="../console/apiclient.cpp" line="106"/>
        <source>The backend&apos;s answer to %1 is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="118"/>
        <source>The backend at %1 refused the connection; is it running?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="120"/>
        <source>The backend at %1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="121"/>
        <source>The backend at %1 cannot be reached: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="128"/>
        <source>Not allowed for your role: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="133"/>
        <source>The backend did not accept the API token (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="135"/>
        <source>Not allowed for your role (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="137"/>
        <source>The backend does not know %1 (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="139"/>
        <source>The backend answered HTTP %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::CallDetailView</name>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="59"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="60"/>
        <source>Realtime transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="61"/>
        <source>Final transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="81"/>
        <source>Select a call to see its timeline and transcripts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="90"/>
        <source>Loading the call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="93"/>
        <source>%1 · %2 → %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="94"/>
        <source>(no CallSid yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="101"/>
        <source>Duration: %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="101"/>
        <source>(running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="102"/>
        <source>Stream connects: %1, streamed %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="103"/>
        <source>Recordings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="104"/>
        <source>Webhook retries: %1, 11205 errors: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="105"/>
        <source>Cost bucket: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="107"/>
        <source>(%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="112"/>
        <source>No final transcript yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="116"/>
        <source>Source: the recording&apos;s transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="117"/>
        <source>Source: the realtime transcript (the recording&apos;s failed or was too short)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="118"/>
        <source>Source: failed (neither transcript was usable)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ConnectDialog</name>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="19"/>
        <source>Connect to a Switchboard backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="30"/>
        <source>Backend URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="31"/>
        <source>API token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="33"/>
        <source>The URL and the token are remembered in plain text in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="42"/>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="62"/>
        <source>Enter the API token the backend gave you (SWITCHBOARD_API_TOKENS).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::CostSummaryModel</name>
    <message>
        <location filename="../console/costmodels.cpp" line="195"/>
        <source>The cost summary could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="217"/>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="219"/>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="221"/>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="239"/>
        <source>$%1</source>
        <comment>an amount in US dollars</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="255"/>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="256"/>
        <source>Calls in the low bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="257"/>
        <source>Calls in the medium bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="258"/>
        <source>Calls in the high bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="259"/>
        <source>High-cost calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="260"/>
        <source>Duplicate recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="261"/>
        <source>Calls with stream reconnects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="262"/>
        <source>Twilio 11205 errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="263"/>
        <source>Webhook retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="264"/>
        <source>Estimated cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="308"/>
        <source>Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="308"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::CostsView</name>
    <message>
        <location filename="../console/ui/costsview.cpp" line="160"/>
        <location filename="../console/ui/costsview.cpp" line="250"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/costsview.cpp" line="192"/>
        <location filename="../console/ui/costsview.cpp" line="244"/>
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="222"/>
        <source>Not connected to a backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="239"/>
        <source>&amp;Business:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="240"/>
        <source>All businesses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="241"/>
        <source>A business ID; empty for all businesses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="242"/>
        <source>&amp;Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="245"/>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="246"/>
        <source>Recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="273"/>
        <source>Calls by cost bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="274"/>
        <location filename="../console/ui/costsview.cpp" line="356"/>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="296"/>
        <source>Alert above %1 % high-cost calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="316"/>
        <source>High-cost calls and estimated cost per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="318"/>
        <source>High-cost calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="321"/>
        <source>Estimated cost (USD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="346"/>
        <source>Alert at %1 % of the day&apos;s calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="363"/>
        <source>USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="376"/>
        <source>What made calls expensive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="377"/>
        <source>Calls where it fired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="408"/>
        <source>Nothing to do: no cost problem stands out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="412"/>
        <source>Alerts when duplicate recordings are above %1, high-cost calls above %2 % or calls with stream reconnects above %3 % of all calls.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::DailyCostModel</name>
    <message>
        <location filename="../console/costmodels.cpp" line="72"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="73"/>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="74"/>
        <source>High-cost calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="75"/>
        <source>Estimated cost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::DedupCacheModel</name>
    <message>
        <location filename="../console/dedupmodels.cpp" line="351"/>
        <source>Waiting for Twilio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="351"/>
        <source>Placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="362"/>
        <source>Dedup key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="363"/>
        <source>Business</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="364"/>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="365"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="366"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="367"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="368"/>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::DedupDecisionsModel</name>
    <message>
        <location filename="../console/dedupmodels.cpp" line="101"/>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="103"/>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="105"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="112"/>
        <source>Placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="114"/>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="116"/>
        <source>Placed, database unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="118"/>
        <source>Refused, database unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="120"/>
        <source>Refused by Twilio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="122"/>
        <source>Unknown, reconciling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="178"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="179"/>
        <source>Business</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="180"/>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="181"/>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="182"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="183"/>
        <source>Dedup key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="184"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::DedupView</name>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="149"/>
        <source>Not connected to a backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="158"/>
        <source>The dedup decisions could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="165"/>
        <source>The dedup cache could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="178"/>
        <source>A live dedup decision could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="190"/>
        <source>Dedup decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="191"/>
        <source>&amp;Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="192"/>
        <source>&amp;Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="195"/>
        <source>Any layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="196"/>
        <source>No layer (not a duplicate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="201"/>
        <source>Any outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="203"/>
        <source>Business ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="204"/>
        <source>Number, key or call ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="205"/>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="206"/>
        <source>Memory cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="230"/>
        <source>Entries live %1 s. Since the backend started: %2 placed, %3 caught in memory, %4 caught by the database, %5 placed with the database unreachable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::IndicatorModel</name>
    <message>
        <location filename="../console/costmodels.cpp" line="98"/>
        <source>Stream reconnects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="100"/>
        <source>Streamed longer than the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="102"/>
        <source>Duplicate recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="104"/>
        <source>Twilio error 11205</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="106"/>
        <source>Webhook retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="145"/>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="145"/>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::JobsModel</name>
    <message>
        <location filename="../console/jobsmodel.cpp" line="94"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="96"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="98"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="100"/>
        <source>Gave up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="107"/>
        <source>Transcribed from the recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="109"/>
        <source>Kept the live transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="111"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="113"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="146"/>
        <source>%1 (forced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="148"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="162"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="163"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="164"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="165"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="166"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="167"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="168"/>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="169"/>
        <source>Requested by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="170"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::LanguageMenu</name>
    <message>
        <location filename="../console/ui/languagemenu.cpp" line="27"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/languagemenu.cpp" line="46"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::LiveCallsModel</name>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="40"/>
        <source>Business %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="135"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="138"/>
        <source>streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="138"/>
        <source>ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="139"/>
        <source>%1 (%2 connects)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="145"/>
        <source>reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="146"/>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="147"/>
        <source>initiated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="148"/>
        <source>ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="149"/>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="150"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="151"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="152"/>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="153"/>
        <location filename="../console/livecallsmodel.cpp" line="207"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="154"/>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="155"/>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="163"/>
        <source>inbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="164"/>
        <source>outbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="165"/>
        <source>outbound (dial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="196"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="197"/>
        <source>recording API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="198"/>
        <source>call record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="203"/>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="203"/>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="205"/>
        <source>recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="206"/>
        <source>realtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="237"/>
        <source>Cost indicators: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="264"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="265"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="266"/>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="267"/>
        <source>Business</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="268"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="269"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="270"/>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="271"/>
        <source>Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="272"/>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="273"/>
        <source>Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="274"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::LiveCallsView</name>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="28"/>
        <source>Live only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="39"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="43"/>
        <source>All cost buckets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="50"/>
        <source>Search CallSid, number, lead, business…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="130"/>
        <source>All businesses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="139"/>
        <source>%1 of %2 calls</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::LiveClient</name>
    <message>
        <location filename="../console/liveclient.cpp" line="81"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="114"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="135"/>
        <source>The connection to the backend was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="171"/>
        <source>The backend refused the token (%1). Check the token and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="176"/>
        <source>The backend at %1 is unreachable: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="181"/>
        <source>%1 answers, but has no live console endpoint (HTTP 404): is it a Switchboard backend?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="185"/>
        <source>The backend did not accept the live connection (HTTP %1%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="200"/>
        <source>%1 Reconnecting in %2 s (attempt %3)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="231"/>
        <source>Connected to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::MainWindow</name>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="116"/>
        <source>Switchboard Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="122"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="124"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="127"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="128"/>
        <source>&amp;About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="86"/>
        <source>About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="87"/>
        <source>Switchboard Console %1
Live monitoring of AI phone agents on Twilio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="117"/>
        <source>Live calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="118"/>
        <source>Costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="119"/>
        <source>Dedup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="120"/>
        <source>Reprocessing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="121"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="123"/>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="126"/>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="172"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ReprocessModel</name>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="51"/>
        <source>The backend&apos;s job could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="92"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="93"/>
        <source>Queued, forced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="93"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="94"/>
        <source>Already queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="95"/>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="114"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="130"/>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="131"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="132"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="133"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="134"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::ReprocessView</name>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="112"/>
        <source>Reprocessing is for admins; the console does not know your role yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="114"/>
        <source>Reprocessing is for admins; your token has the role &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="116"/>
        <source>Not connected to a backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="118"/>
        <source>Select one or more calls in the live calls table, or type their SIDs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="120"/>
        <source>Waiting for the backend to answer the requests sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="147"/>
        <source>&amp;Calls to reprocess (one SID per line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="148"/>
        <source>CA…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="149"/>
        <source>&amp;Force: transcribe again even if the call has a good transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="150"/>
        <source>&amp;Reprocess</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="151"/>
        <source>Refresh &amp;jobs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::TimelineModel</name>
    <message>
        <location filename="../console/timelinemodel.cpp" line="66"/>
        <source>call created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="67"/>
        <source>outbound call reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="68"/>
        <source>Twilio accepted the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="69"/>
        <source>Twilio&apos;s answer unknown (reconciling)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="70"/>
        <source>status changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="71"/>
        <source>webhook retried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="72"/>
        <source>media stream connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="73"/>
        <source>media stream dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="74"/>
        <source>stream status callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="75"/>
        <source>recording requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="76"/>
        <source>recording started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="77"/>
        <source>recording could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="78"/>
        <source>recording status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="79"/>
        <source>transcript line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="80"/>
        <source>final transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="81"/>
        <source>transcription job queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="82"/>
        <source>transcription job changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="83"/>
        <source>dedup decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="84"/>
        <source>cost bucket changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="85"/>
        <source>cost warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="104"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="104"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="142"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="143"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="144"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="145"/>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sb::Translations</name>
    <message>
        <location filename="../console/translations.cpp" line="74"/>
        <source>There is no translation for the language &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/translations.cpp" line="78"/>
        <source>The catalogue %1 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
