#include "correlate/stix_pattern.h"

#include <cctype>

#include "correlate/text_fields.h"

namespace spraytrace::correlate {
namespace {

enum class TokenType { kOpen, kClose, kString, kWord, kOperator };

struct Token {
  TokenType type;
  std::string text;  // words upper-cased when they are keywords; strings unescaped
};

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == ':' ||
         c == '.' || c == '*';
}

// End of the word (keyword or object path) starting at i. A path ("type:property...") may hold
// quoted property names and list indexes: file:hashes.'SHA-256', email-message:to_refs[*].value.
size_t WordEnd(std::string_view pattern, size_t i) {
  const size_t start = i;
  bool path = false;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (IsWordChar(c)) {
      path = path || c == ':';
      ++i;
    } else if (path && c == '\'' && (pattern[i - 1] == '.' || pattern[i - 1] == ':')) {
      const size_t close = pattern.find('\'', i + 1);
      if (close == std::string_view::npos) return i;
      i = close + 1;
    } else if (path && c == '[') {
      const size_t close = pattern.find(']', i + 1);
      if (close == std::string_view::npos || close == i + 1) return i;
      const std::string_view index = pattern.substr(i + 1, close - i - 1);
      if (index != "*" && index.find_first_not_of("0123456789") != std::string_view::npos) {
        return i;
      }
      i = close + 1;
    } else {
      break;
    }
  }
  return i > start ? i : start + 1;
}

// Splits the pattern into brackets, quoted strings, words and comparison operators. False on an
// unterminated string or a character STIX patterns do not use.
bool Tokenize(std::string_view pattern, std::vector<Token>* tokens) {
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == '[' || c == '(') {
      tokens->push_back({TokenType::kOpen, std::string(1, c)});
      ++i;
    } else if (c == ']' || c == ')') {
      tokens->push_back({TokenType::kClose, std::string(1, c)});
      ++i;
    } else if (c == '\'') {
      std::string value;
      ++i;
      bool closed = false;
      while (i < pattern.size()) {
        if (pattern[i] == '\\' && i + 1 < pattern.size()) {
          value += pattern[i + 1];
          i += 2;
        } else if (pattern[i] == '\'') {
          closed = true;
          ++i;
          break;
        } else {
          value += pattern[i++];
        }
      }
      if (!closed) return false;
      tokens->push_back({TokenType::kString, std::move(value)});
    } else if (c == '=' || c == '!' || c == '<' || c == '>') {
      std::string op(1, c);
      if (i + 1 < pattern.size() && pattern[i + 1] == '=') op += '=';
      if (op == "!") return false;
      tokens->push_back({TokenType::kOperator, op});
      i += op.size();
    } else if (IsWordChar(c)) {
      const size_t start = i;
      i = WordEnd(pattern, i);
      tokens->push_back({TokenType::kWord, std::string(pattern.substr(start, i - start))});
    } else {
      return false;
    }
  }
  return true;
}

bool Balanced(const std::vector<Token>& tokens) {
  std::string stack;
  for (const Token& t : tokens) {
    if (t.type == TokenType::kOpen) stack += t.text[0];
    if (t.type != TokenType::kClose) continue;
    const char want = t.text[0] == ']' ? '[' : '(';
    if (stack.empty() || stack.back() != want) return false;
    stack.pop_back();
  }
  return stack.empty();
}

}  // namespace

StixPatternKind ParseStixAddressPattern(std::string_view pattern,
                                        std::vector<std::string>* addresses) {
  addresses->clear();
  std::vector<Token> tokens;
  if (!Tokenize(pattern, &tokens) || tokens.empty() || !Balanced(tokens)) {
    return StixPatternKind::kMalformed;
  }
  bool only_addresses = true;
  bool any_comparison = false;
  // Comparisons are "path operator value" (the operator a symbol, or a keyword such as
  // ISSUBSET, LIKE, MATCHES, IN); words between comparisons are OR/AND/FOLLOWEDBY/qualifiers.
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.type == TokenType::kOpen || t.type == TokenType::kClose) continue;
    if (t.type != TokenType::kWord) {
      only_addresses = false;  // a qualifier's value, or a stray operator or string
      continue;
    }
    const bool is_path = t.text.find(':') != std::string::npos;
    if (!is_path) {
      if (ToLower(t.text) != "or") only_addresses = false;
      continue;
    }
    // A comparison: path, optional NOT, operator, value.
    size_t j = i + 1;
    bool negated = false;
    if (j < tokens.size() && tokens[j].type == TokenType::kWord &&
        ToLower(tokens[j].text) == "not") {
      negated = true;
      ++j;
    }
    if (j >= tokens.size() ||
        (tokens[j].type != TokenType::kOperator && tokens[j].type != TokenType::kWord)) {
      return StixPatternKind::kMalformed;
    }
    const std::string op =
        tokens[j].type == TokenType::kWord ? ToLower(tokens[j].text) : tokens[j].text;
    ++j;
    if (j >= tokens.size()) return StixPatternKind::kMalformed;
    if (tokens[j].type != TokenType::kString) {
      // IN ('a', 'b') and numeric values: not an address comparison.
      only_addresses = false;
      i = j - 1;
      continue;
    }
    any_comparison = true;
    const std::string path = ToLower(t.text);
    const bool address_path = path == "ipv4-addr:value" || path == "ipv6-addr:value";
    if (address_path && !negated && (op == "=" || op == "issubset")) {
      addresses->push_back(tokens[j].text);
    } else {
      only_addresses = false;
    }
    i = j;
  }
  if (!any_comparison) return StixPatternKind::kMalformed;
  if (!only_addresses) {
    addresses->clear();
    return StixPatternKind::kNotAddresses;
  }
  return StixPatternKind::kAddresses;
}

std::string StixAddressPattern(const ::spraytrace::IpNetwork& network) {
  // Addresses and CIDR blocks hold no quote or backslash: nothing to escape.
  std::string pattern = network.is_v4() ? "[ipv4-addr:value " : "[ipv6-addr:value ";
  pattern += network.is_host() ? "= '" : "ISSUBSET '";
  pattern += network.ToCompactString();
  pattern += "']";
  return pattern;
}

}  // namespace spraytrace::correlate
