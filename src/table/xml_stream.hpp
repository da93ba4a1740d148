// XmlStream: a streaming, namespace-aware XML parser (expat) for the parts of XLSX and ODS files,
// fed chunk by chunk so that a document is never held whole.
//
// Promises:
//  * Any document type declaration is refused (kRefused) before its contents are looked at: no
//    DTD, no entity declaration, no external entity is ever processed, which rules out entity
//    expansion bombs ("billion laughs") and external entity (XXE) reads.
//  * Malformed XML fails with kCorrupt and a one-line message naming the part and the line.
//  * A handler callback that returns a failed Status stops the parse; that Status is what
//    Feed()/Finish() return. No callback runs after a failure.
//
// Names reach the handler split into namespace URI and local name, so readers match elements
// whatever prefix the writer chose. Not thread-safe; one XmlStream per document.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "table/zip_archive.hpp"

struct XML_ParserStruct;

namespace rollcall::table {

struct XmlName {
  std::string_view ns;  // namespace URI, "" when the name has none
  std::string_view local;
  bool Is(std::string_view wanted_ns, std::string_view wanted_local) const {
    return local == wanted_local && ns == wanted_ns;
  }
};

// The attributes of one start tag, valid only during the callback.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}
  // The first attribute with this local name, whatever its namespace.
  std::optional<std::string_view> Get(std::string_view local) const;
  // The attribute with exactly this namespace URI and local name.
  std::optional<std::string_view> Get(std::string_view ns, std::string_view local) const;

 private:
  const char** pairs_;  // expat's name, value, name, value, …, nullptr
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual Status OnStart(const XmlName& name, const XmlAttributes& attributes) = 0;
  virtual Status OnEnd(const XmlName& name) = 0;
  // Character data, possibly split across several calls.
  virtual Status OnText(std::string_view text) = 0;
};

class XmlStream {
 public:
  // `document` names the part in error messages ("xl/worksheets/sheet1.xml").
  XmlStream(XmlHandler& handler, std::string document);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  Status Feed(std::string_view chunk);
  // Ends the document; fails when it is incomplete.
  Status Finish();

 private:
  struct Callbacks;
  Status Parse(std::string_view chunk, bool is_final);

  XmlHandler& handler_;
  std::string document_;
  struct ParserDeleter {
    void operator()(XML_ParserStruct* parser) const;
  };
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser_;
  std::optional<Error> failure_;  // set by the first failing callback
};

// Streams the zip entry at `index` through a fresh XmlStream into `handler`.
Status ParseXmlEntry(ZipArchive& archive, std::uint64_t index, std::string_view document,
                     XmlHandler& handler);

}  // namespace rollcall::table
