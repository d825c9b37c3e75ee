#include "starttls/xmpp_stream.h"

#include <string>

namespace sc::starttls {
namespace {

struct Tag {
    enum class Kind { Open, Close, Empty } kind = Kind::Open;
    std::string local_name;
    std::string xmlns;
    std::size_t end = 0;
};

constexpr std::size_t kMaxChildren = 64;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string local_part(std::string_view qname) {
    auto colon = qname.find(':');
    return std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
}

// Reads the attribute named name from the inside of a tag (quotes ' or ").
std::string attribute(std::string_view inside, std::string_view name) {
    std::size_t i = 0;
    while (i < inside.size()) {
        while (i < inside.size() && is_space(inside[i])) ++i;
        std::size_t n0 = i;
        while (i < inside.size() && inside[i] != '=' && !is_space(inside[i])) ++i;
        std::string_view attr = inside.substr(n0, i - n0);
        while (i < inside.size() && is_space(inside[i])) ++i;
        if (i >= inside.size() || inside[i] != '=') return {};
        ++i;
        while (i < inside.size() && is_space(inside[i])) ++i;
        if (i >= inside.size() || (inside[i] != '\'' && inside[i] != '"')) return {};
        char q = inside[i++];
        std::size_t v0 = i;
        while (i < inside.size() && inside[i] != q) ++i;
        if (i >= inside.size()) return {};
        if (attr == name) return std::string(inside.substr(v0, i - v0));
        ++i;
    }
    return {};
}

enum class Next { Tag, Incomplete, Malformed, Skip };

// Finds the next markup at or after pos. Text, comments, the XML declaration
// and processing instructions are skipped (Next::Skip moves pos past them).
Next next_tag(std::string_view b, std::size_t& pos, Tag& tag) {
    while (pos < b.size() && b[pos] != '<') ++pos;
    if (pos >= b.size()) return Next::Incomplete;
    std::string_view rest = b.substr(pos);
    auto skip_to = [&](std::string_view terminator) {
        auto e = rest.find(terminator);
        if (e == std::string_view::npos) return Next::Incomplete;
        pos += e + terminator.size();
        return Next::Skip;
    };
    if (rest.starts_with("<?")) return skip_to("?>");
    if (rest.starts_with("<!--")) return skip_to("-->");
    if (rest.size() >= 2 && rest[1] == '!') return Next::Malformed;  // DTDs and CDATA are not allowed in XMPP
    // Find the closing '>' outside quotes.
    char quote = 0;
    std::size_t i = 1;
    for (; i < rest.size(); ++i) {
        char c = rest[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '<') {
            return Next::Malformed;
        } else if (c == '>') {
            break;
        }
    }
    if (i >= rest.size()) return Next::Incomplete;
    std::string_view inside = rest.substr(1, i - 1);
    tag = Tag{};
    tag.end = pos + i + 1;
    if (inside.starts_with('/')) {
        tag.kind = Tag::Kind::Close;
        inside.remove_prefix(1);
    } else if (inside.ends_with('/')) {
        tag.kind = Tag::Kind::Empty;
        inside.remove_suffix(1);
    }
    std::size_t n = 0;
    while (n < inside.size() && !is_space(inside[n])) ++n;
    if (n == 0) return Next::Malformed;
    tag.local_name = local_part(inside.substr(0, n));
    tag.xmlns = attribute(inside.substr(n), "xmlns");
    pos = tag.end;
    return Next::Tag;
}

}  // namespace

XmppScan scan_xmpp_stream(std::string_view b) {
    XmppScan scan;
    std::size_t pos = 0;
    int depth = 0;  // 0: before the stream header; 1: inside the stream
    XmppElement current;
    Tag tag;
    while (true) {
        Next n = next_tag(b, pos, tag);
        if (n == Next::Skip) continue;
        if (n == Next::Incomplete) return scan;
        if (n == Next::Malformed) {
            scan.malformed = true;
            scan.error = "malformed XML";
            return scan;
        }
        if (depth == 0) {
            if (tag.kind != Tag::Kind::Open || tag.local_name != "stream") {
                scan.malformed = true;
                scan.error = "expected a stream header, got <" + tag.local_name + ">";
                return scan;
            }
            scan.stream_open = true;
            depth = 1;
            continue;
        }
        if (depth == 1) {
            if (tag.kind == Tag::Kind::Close) {
                if (tag.local_name == "stream") scan.stream_closed = true;
                else {
                    scan.malformed = true;
                    scan.error = "unbalanced </" + tag.local_name + ">";
                }
                return scan;
            }
            current = XmppElement{tag.local_name, tag.xmlns, {}, tag.end};
            if (tag.kind == Tag::Kind::Empty) {
                scan.elements.push_back(current);
                continue;
            }
            depth = 2;
            continue;
        }
        // Inside a top-level element: record its direct children.
        if (tag.kind == Tag::Kind::Close) {
            --depth;
            if (depth == 1) {
                current.end = tag.end;
                scan.elements.push_back(current);
            }
            continue;
        }
        if (depth == 2) {
            // Real <stream:features> hold a handful; an endless list must not
            // cost memory and time on every rescan.
            if (current.children.size() >= kMaxChildren) {
                scan.malformed = true;
                scan.error = "more than " + std::to_string(kMaxChildren) + " child elements in <" + current.local_name + ">";
                return scan;
            }
            current.children.push_back({tag.local_name, tag.xmlns});
        }
        if (tag.kind == Tag::Kind::Open) {
            if (++depth > 32) {
                scan.malformed = true;
                scan.error = "XML nested too deeply";
                return scan;
            }
        }
    }
}

}  // namespace sc::starttls
