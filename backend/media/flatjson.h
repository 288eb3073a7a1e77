#pragma once

#include <QByteArrayView>
#include <QString>

namespace sb {

/**
 * @brief A validating, allocation-free JSON scanner for small frames on the media hot path.
 *
 * parse() checks the whole UTF-8 text against the JSON grammar (RFC 8259; nesting at most
 * kMaxDepth) and records the members of the top-level object and of the objects directly inside
 * it, as views into the text. It exists because QJsonDocument costs several microseconds per
 * frame (it builds a tree and copies every string), while a media frame only needs two or three
 * fields. The views stay valid as long as the scanned text does.
 *
 * It reads bytes: every byte of JSON's structure is ASCII, and a byte ≥ 0x80 is only ever part
 * of a string (anywhere else it is an error). It does not check that strings are valid UTF-8
 * (a WebSocket text message already is); bytes that are not cannot change how the structure
 * is read, they only come out of text() as U+FFFD.
 */
class FlatJson
{
public:
    enum class Kind { String, Number, Bool, Null, Object, Array };

    struct Field
    {
        QByteArrayView parent; ///< the top-level key this member sits under (maybe ""); null at the top level
        QByteArrayView key;    ///< raw key (compared as written; keys with escapes never match)
        QByteArrayView raw;    ///< a string's content between the quotes (escapes kept), else the literal
        Kind kind = Kind::Null;
        bool escaped = false; ///< a string holding backslash escapes: use text() to decode it
    };

    static constexpr int kMaxDepth = 32;
    static constexpr int kMaxFields = 48;

    /// Scans @p utf8; false (with error()) unless it is one valid JSON object.
    bool parse(QByteArrayView utf8);
    const char *error() const { return m_error; }

    /// The member @p key of the top-level object (@p parent null) or of its object @p parent.
    const Field *find(QByteArrayView parent, QByteArrayView key) const;
    const Field *find(QByteArrayView key) const { return find({}, key); }
    /// The member if it is a string, else nullptr.
    const Field *string(QByteArrayView parent, QByteArrayView key) const;

    /// A string field's decoded text (escapes resolved, UTF-8 decoded).
    static QString text(const Field &field);
    /// The same into @p out, reusing its memory: no allocation when it is unshared and large enough.
    static void text(const Field &field, QString &out);

    int fieldCount() const { return m_count; }
    /// The recorded members in text order, @p index below fieldCount().
    const Field &field(int index) const { return m_fields.at[index]; }
    /// True when the text had more members than were recorded (the rest were validated only).
    bool truncated() const { return m_truncated; }

private:
    bool value(int depth, QByteArrayView parent, QByteArrayView key);
    bool object(int depth, QByteArrayView parent);
    bool array(int depth);
    bool string(QByteArrayView &content, bool &escaped);
    bool number();
    bool literal(QByteArrayView word);
    Q_ALWAYS_INLINE void skipSpace();
    bool fail(const char *why);
    void record(const Field &field);

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    const char *m_error = nullptr;
    /// The recorded members, constructed as they are recorded: parse() runs per frame, and
    /// initialising all kMaxFields up front cost more than the scan of a media frame.
    union Fields {
        Fields() { }
        Field at[kMaxFields];
    } m_fields;
    int m_count = 0;
    bool m_truncated = false;
};

} // namespace sb
