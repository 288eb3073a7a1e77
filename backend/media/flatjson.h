#pragma once

#include <QString>
#include <QStringView>

#include <array>

namespace sb {

/**
 * @brief A validating, allocation-free JSON scanner for small frames on the media hot path.
 *
 * parse() checks the whole text against the JSON grammar (RFC 8259; nesting at most
 * kMaxDepth) and records the members of the top-level object and of the objects directly inside
 * it, as views into the text. It exists because QJsonDocument costs several microseconds per
 * frame (it builds a tree, converts the text to UTF-8 and copies every string), while a media
 * frame only needs two or three fields. The views stay valid as long as the scanned text does.
 */
class FlatJson
{
public:
    enum class Kind { String, Number, Bool, Null, Object, Array };

    struct Field
    {
        QStringView parent; ///< the top-level key this member sits under (maybe ""); null at the top level
        QStringView key;    ///< raw key (compared as written; keys with escapes never match)
        QStringView raw;    ///< a string's content between the quotes (escapes kept), else the literal
        Kind kind = Kind::Null;
        bool escaped = false; ///< a string holding backslash escapes: use text() to decode it
    };

    static constexpr int kMaxDepth = 32;
    static constexpr int kMaxFields = 48;

    /// Scans @p text; false (with error()) unless it is one valid JSON object.
    bool parse(QStringView text);
    const char *error() const { return m_error; }

    /// The member @p key of the top-level object (@p parent null) or of its object @p parent.
    const Field *find(QStringView parent, QStringView key) const;
    const Field *find(QStringView key) const { return find({}, key); }
    /// The member if it is a string, else nullptr.
    const Field *string(QStringView parent, QStringView key) const;

    /// A string field's decoded text.
    static QString text(const Field &field);

    int fieldCount() const { return m_count; }
    /// The recorded members in text order, @p index below fieldCount().
    const Field &field(int index) const { return m_fields[size_t(index)]; }
    /// True when the text had more members than were recorded (the rest were validated only).
    bool truncated() const { return m_truncated; }

private:
    bool value(int depth, QStringView parent, QStringView key);
    bool object(int depth, QStringView parent);
    bool array(int depth);
    bool string(QStringView &content, bool &escaped);
    bool number();
    bool literal(QStringView word);
    void skipSpace();
    bool fail(const char *why);
    void record(const Field &field);

    QStringView m_text;
    qsizetype m_pos = 0;
    const char *m_error = nullptr;
    std::array<Field, kMaxFields> m_fields;
    int m_count = 0;
    bool m_truncated = false;
};

} // namespace sb
