<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>sb::MainWindow</name>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="16"/>
        <source>Switchboard Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="20"/>
        <source>Live calls appear here once the console is connected to a backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="25"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="26"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="28"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="29"/>
        <source>&amp;About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="30"/>
        <source>About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="31"/>
        <source>Switchboard Console %1
Live monitoring of AI phone agents on Twilio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../console/ui/mainwindow.cpp" line="37"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
