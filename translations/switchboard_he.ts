<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="he_IL">
<context>
    <name>main</name>
    <message>
        <location filename="../console/main.cpp" line="29"/>
        <source>Live monitoring of Switchboard backends. Without --url and --token a dialog asks for them.</source>
        <translation>ניטור חי של שרתי Switchboard. בלי ‎--url ו־‎--token חלון שיחה יבקש אותם.</translation>
    </message>
    <message>
        <location filename="../console/main.cpp" line="34"/>
        <source>The backend&apos;s base URL, e.g. http://127.0.0.1:8080.</source>
        <translation>כתובת הבסיס של השרת, למשל http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <location filename="../console/main.cpp" line="37"/>
        <source>An API token of the backend (any reading role).</source>
        <translation>אסימון API של השרת (כל תפקיד עם הרשאת קריאה).</translation>
    </message>
    <message>
        <location filename="../console/main.cpp" line="41"/>
        <source>Save a PNG of every view into DIR once they show data, then exit (needs --url and --token).</source>
        <translation>שמירת PNG של כל תצוגה בתיקייה DIR כשהן מציגות נתונים, ואז יציאה (דורש ‎--url ו־‎--token).</translation>
    </message>
</context>
<context>
    <name>sb::AlertsModel</name>
    <message numerus="yes">
        <location filename="../console/alertsmodel.cpp" line="49"/>
        <source>%n alert(s) could not be read: %1</source>
        <translation>
            <numerusform>התראה אחת לא נקראה: %1</numerusform>
            <numerusform>%n התראות לא נקראו: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="61"/>
        <source>Critical</source>
        <translation>קריטית</translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="61"/>
        <source>Warning</source>
        <translation>אזהרה</translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="101"/>
        <source>%1
What to do: %2</source>
        <translation>%1
מה לעשות: %2</translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="119"/>
        <source>Severity</source>
        <translation>חומרה</translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="120"/>
        <source>Alert</source>
        <translation>התראה</translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="121"/>
        <source>What to do</source>
        <translation>מה לעשות</translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="122"/>
        <source>Value</source>
        <translation>ערך</translation>
    </message>
    <message>
        <location filename="../console/alertsmodel.cpp" line="123"/>
        <source>Threshold</source>
        <translation>סף</translation>
    </message>
</context>
<context>
    <name>sb::AlertsView</name>
    <message>
        <location filename="../console/ui/alertsview.cpp" line="87"/>
        <source>No active alerts: costs and call quality are within their thresholds.</source>
        <translation>אין התראות פעילות: העלויות ואיכות השיחות בתוך הספים.</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/alertsview.cpp" line="90"/>
        <source>%n active alert(s), %1 critical.</source>
        <translation>
            <numerusform>התראה פעילה אחת, %1 קריטיות.</numerusform>
            <numerusform>%n התראות פעילות, %1 קריטיות.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../console/ui/alertsview.cpp" line="93"/>
        <source>Newest: %1</source>
        <translation>החדשה ביותר: %1</translation>
    </message>
</context>
<context>
    <name>sb::ApiClient</name>
    <message>
        <location filename="../console/apiclient.cpp" line="106"/>
        <source>The backend&apos;s answer to %1 is not a JSON object.</source>
        <translation>התשובה של השרת ל־%1 אינה אובייקט JSON.</translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="118"/>
        <source>The backend at %1 refused the connection; is it running?</source>
        <translation>השרת בכתובת %1 סירב להתחברות; האם הוא פועל?</translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="120"/>
        <source>The backend at %1 did not answer in time.</source>
        <translation>השרת בכתובת %1 לא ענה בזמן.</translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="121"/>
        <source>The backend at %1 cannot be reached: %2</source>
        <translation>אין גישה לשרת בכתובת %1: %2</translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="128"/>
        <source>Not allowed for your role: %1</source>
        <translation>אין הרשאה לתפקיד שלך: %1</translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="133"/>
        <source>The backend did not accept the API token (HTTP %1).</source>
        <translation>השרת לא קיבל את אסימון ה־API ‏(HTTP %1).</translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="135"/>
        <source>Not allowed for your role (HTTP %1).</source>
        <translation>אין הרשאה לתפקיד שלך ‏(HTTP %1).</translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="137"/>
        <source>The backend does not know %1 (HTTP %2).</source>
        <translation>השרת אינו מכיר את %1 ‏(HTTP %2).</translation>
    </message>
    <message>
        <location filename="../console/apiclient.cpp" line="139"/>
        <source>The backend answered HTTP %1 to %2.</source>
        <translation>השרת ענה HTTP %1 לבקשה %2.</translation>
    </message>
</context>
<context>
    <name>sb::CallDetailView</name>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="59"/>
        <source>Timeline</source>
        <translation>ציר זמן</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="60"/>
        <source>Realtime transcript</source>
        <translation>תמלול בזמן אמת</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="61"/>
        <source>Final transcript</source>
        <translation>תמלול סופי</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="81"/>
        <source>Select a call to see its timeline and transcripts.</source>
        <translation>יש לבחור שיחה כדי לראות את ציר הזמן והתמלולים שלה.</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="90"/>
        <source>Loading the call…</source>
        <translation>טוען את השיחה…</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="93"/>
        <source>%1 · %2 → %3 · %4</source>
        <translation>%1 · %2 ← %3 · %4</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="94"/>
        <source>(no CallSid yet)</source>
        <translation>(עדיין אין CallSid)</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="101"/>
        <source>Duration: %1 s</source>
        <translation>משך: %1 שנ׳</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="101"/>
        <source>(running)</source>
        <translation>(פעילה)</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="102"/>
        <source>Stream connects: %1, streamed %2 s</source>
        <translation>חיבורי זרם: %1, הוזרמו %2 שנ׳</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="103"/>
        <source>Recordings: %1</source>
        <translation>הקלטות: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="104"/>
        <source>Webhook retries: %1, 11205 errors: %2</source>
        <translation>ניסיונות חוזרים של webhook: %1, שגיאות 11205: %2</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="105"/>
        <source>Cost bucket: %1 %2</source>
        <translation>דרגת עלות: %1 %2</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="107"/>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="112"/>
        <source>No final transcript yet.</source>
        <translation>עדיין אין תמלול סופי.</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="116"/>
        <source>Source: the recording&apos;s transcription</source>
        <translation>מקור: תמלול ההקלטה</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="117"/>
        <source>Source: the realtime transcript (the recording&apos;s failed or was too short)</source>
        <translation>מקור: התמלול בזמן אמת (תמלול ההקלטה נכשל או שהיה קצר מדי)</translation>
    </message>
    <message>
        <location filename="../console/ui/calldetailview.cpp" line="118"/>
        <source>Source: failed (neither transcript was usable)</source>
        <translation>מקור: נכשל (אף תמלול לא היה שמיש)</translation>
    </message>
</context>
<context>
    <name>sb::ConnectDialog</name>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="19"/>
        <source>Connect to a Switchboard backend</source>
        <translation>התחברות לשרת Switchboard</translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="30"/>
        <source>Backend URL:</source>
        <translation>כתובת השרת:</translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="31"/>
        <source>API token:</source>
        <translation>אסימון API:</translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="33"/>
        <source>The URL and the token are remembered in plain text in %1.</source>
        <translation>הכתובת והאסימון נשמרים כטקסט גלוי ב־%1.</translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="42"/>
        <source>Connect</source>
        <translation>התחברות</translation>
    </message>
    <message>
        <location filename="../console/ui/connectdialog.cpp" line="62"/>
        <source>Enter the API token the backend gave you (SWITCHBOARD_API_TOKENS).</source>
        <translation>יש להזין את אסימון ה־API שקיבלת מהשרת (SWITCHBOARD_API_TOKENS).</translation>
    </message>
</context>
<context>
    <name>sb::CostSummaryModel</name>
    <message>
        <location filename="../console/costmodels.cpp" line="195"/>
        <source>The cost summary could not be read: %1</source>
        <translation>לא ניתן לקרוא את סיכום העלויות: %1</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="217"/>
        <source>Low</source>
        <translation>נמוכה</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="219"/>
        <source>Medium</source>
        <translation>בינונית</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="221"/>
        <source>High</source>
        <translation>גבוהה</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="239"/>
        <source>$%1</source>
        <comment>an amount in US dollars</comment>
        <translation>%1 $</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="255"/>
        <source>Calls</source>
        <translation>שיחות</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="256"/>
        <source>Calls in the low bucket</source>
        <translation>שיחות בדרגת עלות נמוכה</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="257"/>
        <source>Calls in the medium bucket</source>
        <translation>שיחות בדרגת עלות בינונית</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="258"/>
        <source>Calls in the high bucket</source>
        <translation>שיחות בדרגת עלות גבוהה</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="259"/>
        <source>High-cost calls</source>
        <translation>שיחות יקרות</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="260"/>
        <source>Duplicate recordings</source>
        <translation>הקלטות כפולות</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="261"/>
        <source>Calls with stream reconnects</source>
        <translation>שיחות עם חיבורי זרם חוזרים</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="262"/>
        <source>Twilio 11205 errors</source>
        <translation>שגיאות Twilio 11205</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="263"/>
        <source>Webhook retries</source>
        <translation>ניסיונות חוזרים של webhook</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="264"/>
        <source>Estimated cost</source>
        <translation>עלות משוערת</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="308"/>
        <source>Figure</source>
        <translation>נתון</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="308"/>
        <source>Value</source>
        <translation>ערך</translation>
    </message>
</context>
<context>
    <name>sb::CostsView</name>
    <message>
        <location filename="../console/ui/costsview.cpp" line="160"/>
        <location filename="../console/ui/costsview.cpp" line="250"/>
        <source>Loading…</source>
        <translation>טוען…</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/costsview.cpp" line="192"/>
        <location filename="../console/ui/costsview.cpp" line="244"/>
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>היום האחרון</numerusform>
            <numerusform>%n הימים האחרונים</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="222"/>
        <source>Not connected to a backend.</source>
        <translation>לא מחובר לשרת.</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="239"/>
        <source>&amp;Business:</source>
        <translation>&amp;עסק:</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="240"/>
        <source>All businesses</source>
        <translation>כל העסקים</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="241"/>
        <source>A business ID; empty for all businesses</source>
        <translation>מזהה עסק; ריק עבור כל העסקים</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="242"/>
        <source>&amp;Range:</source>
        <translation>&amp;טווח:</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="245"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;רענון</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="246"/>
        <source>Recommendations</source>
        <translation>המלצות</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="273"/>
        <source>Calls by cost bucket</source>
        <translation>שיחות לפי דרגת עלות</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="274"/>
        <location filename="../console/ui/costsview.cpp" line="356"/>
        <source>Calls</source>
        <translation>שיחות</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="296"/>
        <source>Alert above %1 % high-cost calls</source>
        <translation>התראה מעל %1% שיחות יקרות</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="316"/>
        <source>High-cost calls and estimated cost per day</source>
        <translation>שיחות יקרות ועלות משוערת ליום</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="318"/>
        <source>High-cost calls</source>
        <translation>שיחות יקרות</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="321"/>
        <source>Estimated cost (USD)</source>
        <translation>עלות משוערת (דולר)</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="346"/>
        <source>Alert at %1 % of the day&apos;s calls</source>
        <translation>התראה ב־%1% משיחות היום</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="363"/>
        <source>USD</source>
        <translation>דולר</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="376"/>
        <source>What made calls expensive</source>
        <translation>מה ייקר את השיחות</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="377"/>
        <source>Calls where it fired</source>
        <translation>שיחות שבהן הופיע</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="408"/>
        <source>Nothing to do: no cost problem stands out.</source>
        <translation>אין מה לעשות: אין בעיית עלות בולטת.</translation>
    </message>
    <message>
        <location filename="../console/ui/costsview.cpp" line="412"/>
        <source>Alerts when duplicate recordings are above %1, high-cost calls above %2 % or calls with stream reconnects above %3 % of all calls.</source>
        <translation>התראה כשההקלטות הכפולות מעל %1, השיחות היקרות מעל %2% או השיחות עם חיבורי זרם חוזרים מעל %3% מכלל השיחות.</translation>
    </message>
</context>
<context>
    <name>sb::DailyCostModel</name>
    <message>
        <location filename="../console/costmodels.cpp" line="72"/>
        <source>Date</source>
        <translation>תאריך</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="73"/>
        <source>Calls</source>
        <translation>שיחות</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="74"/>
        <source>High-cost calls</source>
        <translation>שיחות יקרות</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="75"/>
        <source>Estimated cost</source>
        <translation>עלות משוערת</translation>
    </message>
</context>
<context>
    <name>sb::DedupCacheModel</name>
    <message>
        <location filename="../console/dedupmodels.cpp" line="351"/>
        <source>Waiting for Twilio</source>
        <translation>ממתין ל־Twilio</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="351"/>
        <source>Placed</source>
        <translation>בוצעה</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="362"/>
        <source>Dedup key</source>
        <translation>מפתח כפילות</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="363"/>
        <source>Business</source>
        <translation>עסק</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="364"/>
        <source>Number</source>
        <translation>מספר</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="365"/>
        <source>Call</source>
        <translation>שיחה</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="366"/>
        <source>Status</source>
        <translation>סטטוס</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="367"/>
        <source>State</source>
        <translation>מצב</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="368"/>
        <source>Time left</source>
        <translation>זמן שנותר</translation>
    </message>
</context>
<context>
    <name>sb::DedupDecisionsModel</name>
    <message>
        <location filename="../console/dedupmodels.cpp" line="101"/>
        <source>Memory</source>
        <translation>זיכרון</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="103"/>
        <source>Database</source>
        <translation>מסד נתונים</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="105"/>
        <source>None</source>
        <translation>ללא</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="112"/>
        <source>Placed</source>
        <translation>בוצעה</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="114"/>
        <source>Duplicate</source>
        <translation>כפולה</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="116"/>
        <source>Placed, database unreachable</source>
        <translation>בוצעה, מסד הנתונים לא זמין</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="118"/>
        <source>Refused, database unreachable</source>
        <translation>נדחתה, מסד הנתונים לא זמין</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="120"/>
        <source>Refused by Twilio</source>
        <translation>נדחתה על ידי Twilio</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="122"/>
        <source>Unknown, reconciling</source>
        <translation>לא ידוע, בבירור מול Twilio</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="178"/>
        <source>Time</source>
        <translation>זמן</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="179"/>
        <source>Business</source>
        <translation>עסק</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="180"/>
        <source>Number</source>
        <translation>מספר</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="181"/>
        <source>Layer</source>
        <translation>שכבה</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="182"/>
        <source>Outcome</source>
        <translation>תוצאה</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="183"/>
        <source>Dedup key</source>
        <translation>מפתח כפילות</translation>
    </message>
    <message>
        <location filename="../console/dedupmodels.cpp" line="184"/>
        <source>Call</source>
        <translation>שיחה</translation>
    </message>
</context>
<context>
    <name>sb::DedupView</name>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="149"/>
        <source>Not connected to a backend.</source>
        <translation>לא מחובר לשרת.</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="158"/>
        <source>The dedup decisions could not be read: %1</source>
        <translation>לא ניתן לקרוא את החלטות הכפילות: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="165"/>
        <source>The dedup cache could not be read: %1</source>
        <translation>לא ניתן לקרוא את מטמון הכפילויות: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="178"/>
        <source>A live dedup decision could not be read: %1</source>
        <translation>לא ניתן לקרוא החלטת כפילות שהגיעה בזמן אמת: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="190"/>
        <source>Dedup decisions</source>
        <translation>החלטות כפילות</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="191"/>
        <source>&amp;Layer:</source>
        <translation>&amp;שכבה:</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="192"/>
        <source>&amp;Outcome:</source>
        <translation>&amp;תוצאה:</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="195"/>
        <source>Any layer</source>
        <translation>כל שכבה</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="196"/>
        <source>No layer (not a duplicate)</source>
        <translation>ללא שכבה (לא כפולה)</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="201"/>
        <source>Any outcome</source>
        <translation>כל תוצאה</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="203"/>
        <source>Business ID</source>
        <translation>מזהה עסק</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="204"/>
        <source>Number, key or call ID</source>
        <translation>מספר, מפתח או מזהה שיחה</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="205"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;רענון</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="206"/>
        <source>Memory cache</source>
        <translation>מטמון בזיכרון</translation>
    </message>
    <message>
        <location filename="../console/ui/dedupview.cpp" line="230"/>
        <source>Entries live %1 s. Since the backend started: %2 placed, %3 caught in memory, %4 caught by the database, %5 placed with the database unreachable.</source>
        <translation>רשומה נשמרת %1 שניות. מאז שהשרת הופעל: %2 בוצעו, %3 נתפסו בזיכרון, %4 נתפסו במסד הנתונים, %5 בוצעו כשמסד הנתונים לא היה זמין.</translation>
    </message>
</context>
<context>
    <name>sb::IndicatorModel</name>
    <message>
        <location filename="../console/costmodels.cpp" line="98"/>
        <source>Stream reconnects</source>
        <translation>חיבורי זרם חוזרים</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="100"/>
        <source>Streamed longer than the call</source>
        <translation>זרם ארוך מהשיחה</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="102"/>
        <source>Duplicate recording</source>
        <translation>הקלטה כפולה</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="104"/>
        <source>Twilio error 11205</source>
        <translation>שגיאת Twilio 11205</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="106"/>
        <source>Webhook retries</source>
        <translation>ניסיונות חוזרים של webhook</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="145"/>
        <source>Indicator</source>
        <translation>סימן</translation>
    </message>
    <message>
        <location filename="../console/costmodels.cpp" line="145"/>
        <source>Calls</source>
        <translation>שיחות</translation>
    </message>
</context>
<context>
    <name>sb::JobsModel</name>
    <message>
        <location filename="../console/jobsmodel.cpp" line="94"/>
        <source>Waiting</source>
        <translation>ממתינה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="96"/>
        <source>Running</source>
        <translation>רצה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="98"/>
        <source>Done</source>
        <translation>הסתיימה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="100"/>
        <source>Gave up</source>
        <translation>ננטשה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="107"/>
        <source>Transcribed from the recording</source>
        <translation>תומללה מההקלטה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="109"/>
        <source>Kept the live transcript</source>
        <translation>נשמר התמלול החי</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="111"/>
        <source>Skipped</source>
        <translation>דולגה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="113"/>
        <source>Failed</source>
        <translation>נכשלה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="146"/>
        <source>%1 (forced)</source>
        <translation>%1 (בכפייה)</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="148"/>
        <source>%1 of %2</source>
        <translation>%1 מתוך %2</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="162"/>
        <source>Job</source>
        <translation>משימה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="163"/>
        <source>Call</source>
        <translation>שיחה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="164"/>
        <source>Kind</source>
        <translation>סוג</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="165"/>
        <source>State</source>
        <translation>מצב</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="166"/>
        <source>Attempts</source>
        <translation>ניסיונות</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="167"/>
        <source>Result</source>
        <translation>תוצאה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="168"/>
        <source>Last error</source>
        <translation>שגיאה אחרונה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="169"/>
        <source>Requested by</source>
        <translation>ביקש/ה</translation>
    </message>
    <message>
        <location filename="../console/jobsmodel.cpp" line="170"/>
        <source>Updated</source>
        <translation>עודכנה</translation>
    </message>
</context>
<context>
    <name>sb::LanguageMenu</name>
    <message>
        <location filename="../console/ui/languagemenu.cpp" line="27"/>
        <source>Language</source>
        <translation>שפה</translation>
    </message>
    <message>
        <location filename="../console/ui/languagemenu.cpp" line="46"/>
        <source>&amp;Language</source>
        <translation>&amp;שפה</translation>
    </message>
</context>
<context>
    <name>sb::LiveCallsModel</name>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="40"/>
        <source>Business %1</source>
        <translation>עסק %1</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="135"/>
        <source>none</source>
        <translation>אין</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="138"/>
        <source>streaming</source>
        <translation>בהזרמה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="138"/>
        <source>ended</source>
        <translation>הסתיים</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="139"/>
        <source>%1 (%2 connects)</source>
        <translation>%1 (%2 חיבורים)</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="145"/>
        <source>reserved</source>
        <translation>שמורה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="146"/>
        <source>queued</source>
        <translation>בתור</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="147"/>
        <source>initiated</source>
        <translation>הוחלה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="148"/>
        <source>ringing</source>
        <translation>מצלצלת</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="149"/>
        <source>in progress</source>
        <translation>בשיחה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="150"/>
        <source>answered</source>
        <translation>נענתה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="151"/>
        <source>completed</source>
        <translation>הושלמה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="152"/>
        <source>busy</source>
        <translation>תפוס</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="153"/>
        <location filename="../console/livecallsmodel.cpp" line="207"/>
        <source>failed</source>
        <translation>נכשלה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="154"/>
        <source>no answer</source>
        <translation>אין מענה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="155"/>
        <source>canceled</source>
        <translation>בוטלה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="163"/>
        <source>inbound</source>
        <translation>נכנסת</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="164"/>
        <source>outbound</source>
        <translation>יוצאת</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="165"/>
        <source>outbound (dial)</source>
        <translation>יוצאת (חיוג)</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="196"/>
        <source>off</source>
        <translation>כבוי</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="197"/>
        <source>recording API</source>
        <translation>API הקלטות</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="198"/>
        <source>call record</source>
        <translation>הקלטת שיחה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="203"/>
        <source>live</source>
        <translation>חי</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="203"/>
        <source>pending</source>
        <translation>ממתין</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="205"/>
        <source>recording</source>
        <translation>הקלטה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="206"/>
        <source>realtime</source>
        <translation>זמן אמת</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="237"/>
        <source>Cost indicators: %1</source>
        <translation>מדדי עלות: %1</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="264"/>
        <source>Started</source>
        <translation>התחלה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="265"/>
        <source>Status</source>
        <translation>מצב</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="266"/>
        <source>Direction</source>
        <translation>כיוון</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="267"/>
        <source>Business</source>
        <translation>עסק</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="268"/>
        <source>From</source>
        <translation>מאת</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="269"/>
        <source>To</source>
        <translation>אל</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="270"/>
        <source>Duration</source>
        <translation>משך</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="271"/>
        <source>Stream</source>
        <translation>זרם</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="272"/>
        <source>Recording</source>
        <translation>הקלטה</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="273"/>
        <source>Transcript</source>
        <translation>תמלול</translation>
    </message>
    <message>
        <location filename="../console/livecallsmodel.cpp" line="274"/>
        <source>Cost</source>
        <translation>עלות</translation>
    </message>
</context>
<context>
    <name>sb::LiveCallsView</name>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="28"/>
        <source>Live only</source>
        <translation>פעילות בלבד</translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="39"/>
        <source>All statuses</source>
        <translation>כל המצבים</translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="43"/>
        <source>All cost buckets</source>
        <translation>כל דרגות העלות</translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="50"/>
        <source>Search CallSid, number, lead, business…</source>
        <translation>חיפוש CallSid, מספר, ליד, עסק…</translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="130"/>
        <source>All businesses</source>
        <translation>כל העסקים</translation>
    </message>
    <message>
        <location filename="../console/ui/livecallsview.cpp" line="139"/>
        <source>%1 of %2 calls</source>
        <translation>%1 מתוך %2 שיחות</translation>
    </message>
</context>
<context>
    <name>sb::LiveClient</name>
    <message>
        <location filename="../console/liveclient.cpp" line="81"/>
        <source>Not connected</source>
        <translation>לא מחובר</translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="114"/>
        <source>Connecting to %1…</source>
        <translation>מתחבר אל %1…</translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="135"/>
        <source>The connection to the backend was lost.</source>
        <translation>החיבור לשרת אבד.</translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="171"/>
        <source>The backend refused the token (%1). Check the token and connect again.</source>
        <translation>השרת דחה את האסימון (%1). יש לבדוק את האסימון ולהתחבר שוב.</translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="176"/>
        <source>The backend at %1 is unreachable: %2.</source>
        <translation>השרת ב־%1 אינו זמין: %2.</translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="181"/>
        <source>%1 answers, but has no live console endpoint (HTTP 404): is it a Switchboard backend?</source>
        <translation>%1 עונה, אך אין לו נקודת קצה של מסוף חי (HTTP 404): האם זה שרת Switchboard?</translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="185"/>
        <source>The backend did not accept the live connection (HTTP %1%2).</source>
        <translation>השרת לא קיבל את החיבור החי (HTTP %1%2).</translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="200"/>
        <source>%1 Reconnecting in %2 s (attempt %3)…</source>
        <translation>%1 מתחבר מחדש בעוד %2 שנ׳ (ניסיון %3)…</translation>
    </message>
    <message>
        <location filename="../console/liveclient.cpp" line="231"/>
        <source>Connected to %1 as %2</source>
        <translation>מחובר אל %1 בתור %2</translation>
    </message>
</context>
<context>
    <name>sb::MainWindow</name>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="116"/>
        <source>Switchboard Console</source>
        <translation>מסוף Switchboard</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="122"/>
        <source>&amp;File</source>
        <translation>&amp;קובץ</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="124"/>
        <source>&amp;Quit</source>
        <translation>&amp;יציאה</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="127"/>
        <source>&amp;Help</source>
        <translation>&amp;עזרה</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="128"/>
        <source>&amp;About Switchboard</source>
        <translation>&amp;אודות Switchboard</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="86"/>
        <source>About Switchboard</source>
        <translation>אודות Switchboard</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="87"/>
        <source>Switchboard Console %1
Live monitoring of AI phone agents on Twilio.</source>
        <translation>מסוף Switchboard %1
ניטור חי של סוכני טלפון מבוססי AI ב־Twilio.</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="117"/>
        <source>Live calls</source>
        <translation>שיחות חיות</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="118"/>
        <source>Costs</source>
        <translation>עלויות</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="119"/>
        <source>Dedup</source>
        <translation>כפילויות</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="120"/>
        <source>Reprocessing</source>
        <translation>עיבוד מחדש</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="121"/>
        <source>Alerts</source>
        <translation>התראות</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="123"/>
        <source>&amp;Connect…</source>
        <translation>&amp;התחברות…</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="126"/>
        <source>&amp;Settings</source>
        <translation>&amp;הגדרות</translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="172"/>
        <source>Not connected</source>
        <translation>לא מחובר</translation>
    </message>
</context>
<context>
    <name>sb::ReprocessModel</name>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="51"/>
        <source>The backend&apos;s job could not be read: %1</source>
        <translation>לא ניתן לקרוא את המשימה שהשרת החזיר: %1</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="92"/>
        <source>Sending…</source>
        <translation>שולח…</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="93"/>
        <source>Queued, forced</source>
        <translation>בתור, בכפייה</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="93"/>
        <source>Queued</source>
        <translation>בתור</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="94"/>
        <source>Already queued</source>
        <translation>כבר בתור</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="95"/>
        <source>Refused: %1</source>
        <translation>נדחתה: %1</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="114"/>
        <source>%1 of %2</source>
        <translation>%1 מתוך %2</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="130"/>
        <source>Call</source>
        <translation>שיחה</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="131"/>
        <source>Request</source>
        <translation>בקשה</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="132"/>
        <source>Job</source>
        <translation>משימה</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="133"/>
        <source>Attempts</source>
        <translation>ניסיונות</translation>
    </message>
    <message>
        <location filename="../console/reprocessmodel.cpp" line="134"/>
        <source>Result</source>
        <translation>תוצאה</translation>
    </message>
</context>
<context>
    <name>sb::ReprocessView</name>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="112"/>
        <source>Reprocessing is for admins; the console does not know your role yet.</source>
        <translation>עיבוד מחדש מותר למנהלים בלבד; המסוף עדיין לא יודע מה התפקיד שלך.</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="114"/>
        <source>Reprocessing is for admins; your token has the role &quot;%1&quot;.</source>
        <translation>עיבוד מחדש מותר למנהלים בלבד; לאסימון שלך יש התפקיד &quot;%1&quot;.</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="116"/>
        <source>Not connected to a backend.</source>
        <translation>לא מחובר לשרת.</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="118"/>
        <source>Select one or more calls in the live calls table, or type their SIDs.</source>
        <translation>בחרו שיחה אחת או יותר בטבלת השיחות החיות, או הקלידו את מזהי ה־SID שלהן.</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="120"/>
        <source>Waiting for the backend to answer the requests sent.</source>
        <translation>ממתין לתשובת השרת לבקשות שנשלחו.</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="147"/>
        <source>&amp;Calls to reprocess (one SID per line):</source>
        <translation>&amp;שיחות לעיבוד מחדש (SID אחד בכל שורה):</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="148"/>
        <source>CA…</source>
        <translation>CA…</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="149"/>
        <source>&amp;Force: transcribe again even if the call has a good transcript</source>
        <translation>&amp;כפייה: לתמלל שוב גם אם לשיחה יש כבר תמלול טוב</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="150"/>
        <source>&amp;Reprocess</source>
        <translation>&amp;עיבוד מחדש</translation>
    </message>
    <message>
        <location filename="../console/ui/reprocessview.cpp" line="151"/>
        <source>Refresh &amp;jobs</source>
        <translation>רענון &amp;משימות</translation>
    </message>
</context>
<context>
    <name>sb::TimelineModel</name>
    <message>
        <location filename="../console/timelinemodel.cpp" line="66"/>
        <source>call created</source>
        <translation>השיחה נוצרה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="67"/>
        <source>outbound call reserved</source>
        <translation>שיחה יוצאת נשמרה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="68"/>
        <source>Twilio accepted the call</source>
        <translation>Twilio קיבלה את השיחה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="69"/>
        <source>Twilio&apos;s answer unknown (reconciling)</source>
        <translation>תשובת Twilio לא ידועה (בהתאמה)</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="70"/>
        <source>status changed</source>
        <translation>המצב השתנה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="71"/>
        <source>webhook retried</source>
        <translation>webhook נשלח שוב</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="72"/>
        <source>media stream connected</source>
        <translation>זרם המדיה התחבר</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="73"/>
        <source>media stream dropped</source>
        <translation>זרם המדיה נותק</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="74"/>
        <source>stream status callback</source>
        <translation>עדכון מצב זרם</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="75"/>
        <source>recording requested</source>
        <translation>ההקלטה התבקשה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="76"/>
        <source>recording started</source>
        <translation>ההקלטה התחילה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="77"/>
        <source>recording could not start</source>
        <translation>לא ניתן היה להתחיל את ההקלטה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="78"/>
        <source>recording status</source>
        <translation>מצב ההקלטה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="79"/>
        <source>transcript line</source>
        <translation>שורת תמלול</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="80"/>
        <source>final transcript</source>
        <translation>תמלול סופי</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="81"/>
        <source>transcription job queued</source>
        <translation>משימת תמלול נכנסה לתור</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="82"/>
        <source>transcription job changed</source>
        <translation>משימת התמלול השתנתה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="83"/>
        <source>dedup decision</source>
        <translation>החלטת כפילות</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="84"/>
        <source>cost bucket changed</source>
        <translation>דרגת העלות השתנתה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="85"/>
        <source>cost warning</source>
        <translation>אזהרת עלות</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="104"/>
        <source>yes</source>
        <translation>כן</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="104"/>
        <source>no</source>
        <translation>לא</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="142"/>
        <source>Time</source>
        <translation>זמן</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="143"/>
        <source>What</source>
        <translation>מה</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="144"/>
        <source>Source</source>
        <translation>מקור</translation>
    </message>
    <message>
        <location filename="../console/timelinemodel.cpp" line="145"/>
        <source>Detail</source>
        <translation>פרטים</translation>
    </message>
</context>
<context>
    <name>sb::Translations</name>
    <message>
        <location filename="../console/translations.cpp" line="74"/>
        <source>There is no translation for the language &quot;%1&quot;.</source>
        <translation>אין תרגום לשפה &quot;%1&quot;.</translation>
    </message>
    <message>
        <location filename="../console/translations.cpp" line="78"/>
        <source>The catalogue %1 is missing.</source>
        <translation>הקטלוג %1 חסר.</translation>
    </message>
</context>
</TS>
