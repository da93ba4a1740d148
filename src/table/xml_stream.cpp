#include "table/xml_stream.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <climits>
#include <cstring>
#include <new>
#include <stdexcept>

namespace rollcall::table {
namespace {

// Separates namespace URI and local name in the names expat reports. A control character cannot
// appear in an XML 1.0 name or namespace URI, so the split is unambiguous.
constexpr char kNamespaceSeparator = '\x01';

XmlName SplitName(const char* raw) {
  const char* separator = std::strrchr(raw, kNamespaceSeparator);
  if (separator == nullptr) return XmlName{{}, raw};
  return XmlName{std::string_view(raw, static_cast<std::size_t>(separator - raw)), separator + 1};
}

}  // namespace

std::optional<std::string_view> XmlAttributes::Get(std::string_view local) const {
  for (const char** pair = pairs_; *pair != nullptr; pair += 2) {
    if (SplitName(pair[0]).local == local) return std::string_view(pair[1]);
  }
  return std::nullopt;
}

std::optional<std::string_view> XmlAttributes::Get(std::string_view ns,
                                                   std::string_view local) const {
  for (const char** pair = pairs_; *pair != nullptr; pair += 2) {
    if (SplitName(pair[0]).Is(ns, local)) return std::string_view(pair[1]);
  }
  return std::nullopt;
}

// The C callbacks expat calls. Each forwards to the handler unless the parse already failed
// (expat may deliver a few more events after XML_StopParser), and turns a failed Status — or an
// allocation failure, which must not unwind through C frames — into a stop.
struct XmlStream::Callbacks {
  template <class Call>
  static void Forward(void* user_data, Call call) {
    auto& stream = *static_cast<XmlStream*>(user_data);
    if (stream.failure_) return;
    try {
      if (Status status = call(stream.handler_); !status) Stop(stream, status.error());
    } catch (const std::bad_alloc&) {
      Stop(stream,
           MakeError(ErrorCode::kTooLarge, "out of memory while reading " + stream.document_));
    } catch (const std::length_error&) {
      Stop(stream, MakeError(ErrorCode::kTooLarge, "a value is too long in " + stream.document_));
    }
  }

  static void Stop(XmlStream& stream, Error error) {
    stream.failure_ = std::move(error);
    XML_StopParser(stream.parser_.get(), XML_FALSE);
  }

  static void XMLCALL Start(void* user_data, const XML_Char* name, const XML_Char** attributes) {
    Forward(user_data, [&](XmlHandler& handler) {
      return handler.OnStart(SplitName(name), XmlAttributes(attributes));
    });
  }

  static void XMLCALL End(void* user_data, const XML_Char* name) {
    Forward(user_data, [&](XmlHandler& handler) { return handler.OnEnd(SplitName(name)); });
  }

  static void XMLCALL Text(void* user_data, const XML_Char* text, int length) {
    Forward(user_data, [&](XmlHandler& handler) {
      return handler.OnText(std::string_view(text, static_cast<std::size_t>(length)));
    });
  }

  // A DTD is where entities are declared; refusing it at its first byte refuses them all.
  static void XMLCALL Doctype(void* user_data, const XML_Char*, const XML_Char*, const XML_Char*,
                              int) {
    auto& stream = *static_cast<XmlStream*>(user_data);
    if (stream.failure_) return;
    Stop(stream, MakeError(ErrorCode::kRefused,
                           fmt::format("the spreadsheet part '{}' contains an XML DTD, which "
                                       "Rollcall refuses",
                                       stream.document_)));
  }

  static void XMLCALL Entity(void* user_data, const XML_Char*, int, const XML_Char*, int,
                             const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
    Doctype(user_data, nullptr, nullptr, nullptr, 0);
  }
};

void XmlStream::ParserDeleter::operator()(XML_ParserStruct* parser) const {
  XML_ParserFree(parser);
}

XmlStream::XmlStream(XmlHandler& handler, std::string document)
    : handler_(handler),
      document_(std::move(document)),
      parser_(XML_ParserCreateNS(nullptr, kNamespaceSeparator)) {
  if (parser_ == nullptr) {
    failure_ = MakeError(ErrorCode::kTooLarge, "out of memory creating an XML parser");
    return;
  }
  XML_Parser parser = parser_.get();
  XML_SetUserData(parser, this);
  XML_SetElementHandler(parser, &Callbacks::Start, &Callbacks::End);
  XML_SetCharacterDataHandler(parser, &Callbacks::Text);
  XML_SetStartDoctypeDeclHandler(parser, &Callbacks::Doctype);
  XML_SetEntityDeclHandler(parser, &Callbacks::Entity);
  XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlStream::~XmlStream() = default;

Status XmlStream::Feed(std::string_view chunk) {
  // XML_Parse takes an int length.
  constexpr std::size_t kMaxPiece = INT_MAX / 2;
  do {
    const std::string_view piece = chunk.substr(0, kMaxPiece);
    chunk.remove_prefix(piece.size());
    if (Status status = Parse(piece, false); !status) return status;
  } while (!chunk.empty());
  return {};
}

Status XmlStream::Finish() { return Parse({}, true); }

Status XmlStream::Parse(std::string_view chunk, bool is_final) {
  if (failure_) return *failure_;
  const XML_Status status = XML_Parse(parser_.get(), chunk.data(), static_cast<int>(chunk.size()),
                                      is_final ? XML_TRUE : XML_FALSE);
  if (failure_) return *failure_;
  if (status == XML_STATUS_OK) return {};
  const XML_Error code = XML_GetErrorCode(parser_.get());
  failure_ = MakeError(ErrorCode::kCorrupt,
                       fmt::format("'{}' is not well-formed XML (line {}: {})", document_,
                                   XML_GetCurrentLineNumber(parser_.get()), XML_ErrorString(code)));
  return *failure_;
}

Status ParseXmlEntry(ZipArchive& archive, std::uint64_t index, std::string_view document,
                     XmlHandler& handler) {
  XmlStream stream(handler, std::string(document));
  Status streamed =
      archive.StreamEntry(index, [&](std::string_view chunk) { return stream.Feed(chunk); });
  if (!streamed) return streamed;
  return stream.Finish();
}

}  // namespace rollcall::table
