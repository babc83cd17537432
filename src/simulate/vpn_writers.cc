#include "simulate/vpn_writers.h"

#include <array>
#include <string>

namespace spraytrace::simulate {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// What one attempt line is, whatever the VPN.
struct VpnAttempt {
  std::string_view user;
  std::string_view ip;
  uint16_t port = 0;
  bool exists = true;  // the account exists (for failures)
  LineKind kind = LineKind::kFailedPassword;
};

VpnAttempt Describe(const LineRef& line, const Connection& c, const Population& population) {
  VpnAttempt a;
  a.user = population.accounts.name(c.account);
  a.ip = population.addresses.text(c.address);
  a.port = c.port;
  a.exists = population.accounts.exists(c.account);
  a.kind = line.kind;
  return a;
}

bool IsIpv6(std::string_view ip) { return ip.find(':') != std::string_view::npos; }

// A tunnel address for a login, stable per connection.
std::string TunnelAddress(std::string_view prefix, const Connection& c) {
  return fmt::format("{}.{}.{}", prefix, 1 + c.address % 250, 2 + c.port % 250);
}

// RFC 3164 "Mmm dd hh:mm:ss " (day space-padded).
void AppendRfc3164(Timestamp time, fmt::memory_buffer* out) {
  const CivilTime t = ToCivil(time);
  fmt::format_to(std::back_inserter(*out), "{} {:2} {:02}:{:02}:{:02} ", kMonths[t.month - 1],
                 t.day, t.hour, t.minute, t.second);
}

// --- OpenVPN -------------------------------------------------------------------------------

class OpenVpnWriter final : public RecordWriter {
 public:
  explicit OpenVpnWriter(const WriterSetup& setup)
      : population_(setup.population), host_(setup.config->host) {}

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const VpnAttempt a = Describe(line, c, *population_);
    const std::string client = fmt::format("{}:{}", a.ip, a.port);
    const std::string_view family = IsIpv6(a.ip) ? "AF_INET6" : "AF_INET";
    if (a.kind == LineKind::kFailedPassword) {
      Line(line.time, out,
           fmt::format("AUTH-PAM: BACKGROUND: user '{}' failed to authenticate: {}", a.user,
                       a.exists ? "Authentication failure"
                                : "User not known to the underlying authentication module"));
      Line(line.time, out,
           client +
               " PLUGIN_CALL: POST /usr/lib/openvpn/openvpn-plugin-auth-pam.so/"
               "PLUGIN_AUTH_USER_PASS_VERIFY status=1");
      Line(line.time, out,
           client +
               " PLUGIN_CALL: plugin function PLUGIN_AUTH_USER_PASS_VERIFY failed with "
               "status 1: /usr/lib/openvpn/openvpn-plugin-auth-pam.so");
      Line(line.time, out,
           client + " TLS Auth Error: Auth Username/Password verification failed for peer");
      Line(line.time, out, client + " SENT CONTROL [UNDEF]: 'AUTH_FAILED' (status=1)");
      return;
    }
    if (a.kind == LineKind::kAcceptedPassword) {
      Line(line.time, out,
           fmt::format("{} TLS: Username/Password authentication succeeded for username '{}' "
                       "[CN SET]",
                       client, a.user));
    }
    const std::string tunnel = TunnelAddress("10.8", c);
    Line(line.time, out,
         fmt::format("{} [{}] Peer Connection Initiated with [{}]{}", client, a.user, family,
                     client));
    Line(line.time, out,
         fmt::format("{}/{} MULTI_sva: pool returned IPv4={}, IPv6=(Not enabled)", a.user, client,
                     tunnel));
    Line(line.time, out,
         fmt::format("{}/{} MULTI: Learn: {} -> {}/{}", a.user, client, tunnel, a.user, client));
  }

 private:
  void Line(Timestamp time, fmt::memory_buffer* out, std::string_view message) {
    AppendRfc3164(time, out);
    fmt::format_to(std::back_inserter(*out), "{} openvpn[1187]: {}\n", host_, message);
  }

  const Population* population_;
  std::string host_;
};

// --- GlobalProtect -------------------------------------------------------------------------

// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
void AppendCsvField(std::string_view text, fmt::memory_buffer* out) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (const char ch : text) {
    if (ch == '"') out->push_back('"');
    out->push_back(ch);
  }
  out->push_back('"');
}

std::string PanOsTime(Timestamp time) {
  const CivilTime t = ToCivil(time);
  return fmt::format("{:04}/{:02}/{:02} {:02}:{:02}:{:02}", t.year, t.month, t.day, t.hour,
                     t.minute, t.second);
}

class GlobalProtectWriter final : public RecordWriter {
 public:
  explicit GlobalProtectWriter(const WriterSetup& setup)
      : population_(setup.population), host_(setup.config->host) {}

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const VpnAttempt a = Describe(line, c, *population_);
    const bool failed = a.kind == LineKind::kFailedPassword;
    const bool key = a.kind == LineKind::kAcceptedPublicKey;
    const std::string time = PanOsTime(line.time);
    AppendRfc3164(line.time, out);
    fmt::format_to(std::back_inserter(*out),
                   "{} 1,{},013101009999,GLOBALPROTECT,0,2561,{},vsys1,{},login,{},,", host_, time,
                   time, key ? "gateway-auth" : "portal-auth", key ? "Certificate" : "LDAP");
    AppendCsvField(a.user, out);
    const bool v6 = IsIpv6(a.ip);
    fmt::format_to(std::back_inserter(*out),
                   ",,,{},{},{},,{:08x}-5e0c-4a9b-8d3e-{:012x},,6.2.1,Windows,\"Microsoft Windows "
                   "11 Pro , 64-bit\",1,,{},,{},,0,on-demand,{},GP-Portal,{},0x8000000000000000,"
                   ",,0,,,,,,,,,{},1,\n",
                   v6 ? "0.0.0.0" : a.ip, v6 ? a.ip : "", TunnelAddress("10.40", c), c.address,
                   c.port, failed ? "Authentication failed: Invalid username or password" : "",
                   failed ? "failure" : "success", failed ? 1 : 0, ++sequence_, host_);
  }

 private:
  const Population* population_;
  std::string host_;
  uint64_t sequence_ = 7300000000000000000;
};

// --- FortiGate -----------------------------------------------------------------------------

// A FortiOS quoted value: backslash before '"' and '\'.
void AppendFortiQuoted(std::string_view text, fmt::memory_buffer* out) {
  out->push_back('"');
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') out->push_back('\\');
    out->push_back(ch);
  }
  out->push_back('"');
}

class FortigateWriter final : public RecordWriter {
 public:
  explicit FortigateWriter(const WriterSetup& setup)
      : population_(setup.population), host_(setup.config->host) {}

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const VpnAttempt a = Describe(line, c, *population_);
    const CivilTime t = ToCivil(line.time);
    const bool failed = a.kind == LineKind::kFailedPassword;
    fmt::format_to(std::back_inserter(*out),
                   "<{}>date={:04}-{:02}-{:02} time={:02}:{:02}:{:02} devname=\"{}\" "
                   "devid=\"FG100FTK21000007\" eventtime={} tz=\"+0000\" logid=\"{}\" "
                   "type=\"event\" subtype=\"vpn\" level=\"{}\" vd=\"root\" ",
                   failed ? 185 : 190, t.year, t.month, t.day, t.hour, t.minute, t.second, host_,
                   line.time * 1000, failed ? "0101039426" : "0101039947",
                   failed ? "alert" : "information");
    if (failed) {
      fmt::format_to(std::back_inserter(*out),
                     "logdesc=\"SSL VPN login fail\" action=\"ssl-login-fail\" "
                     "tunneltype=\"ssl-web\" tunnelid=0 remip={} user=",
                     a.ip);
      AppendFortiQuoted(a.user, out);
      fmt::format_to(std::back_inserter(*out),
                     " group=\"N/A\" dst_host=\"N/A\" reason=\"{}\" msg=\"SSL user failed to "
                     "logged in\"\n",
                     a.exists ? "sslvpn_login_permission_denied" : "sslvpn_login_unknown_user");
      return;
    }
    fmt::format_to(std::back_inserter(*out),
                   "logdesc=\"SSL VPN tunnel up\" action=\"tunnel-up\" tunneltype=\"ssl-tunnel\" "
                   "tunnelid={} remip={} tunnelip={} user=",
                   1000000 + c.address * 7 + c.port, a.ip, TunnelAddress("10.212", c));
    AppendFortiQuoted(a.user, out);
    out->append(std::string_view(
        " group=\"SSL_VPN\" dst_host=\"N/A\" reason=\"tunnel established\" msg=\"SSL tunnel "
        "established\"\n"));
  }

 private:
  const Population* population_;
  std::string host_;
};

// --- Cisco ASA -----------------------------------------------------------------------------

class AsaWriter final : public RecordWriter {
 public:
  explicit AsaWriter(const WriterSetup& setup)
      : population_(setup.population), host_(setup.config->host) {}

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const VpnAttempt a = Describe(line, c, *population_);
    switch (a.kind) {
      case LineKind::kFailedPassword:
        Line(line.time, 6, 113015, out,
             fmt::format("AAA user authentication Rejected : reason = {} : local database : "
                         "user = {} : user IP = {}",
                         a.exists ? "Invalid password" : "User was not found", a.user, a.ip));
        Line(line.time, 4, 716039, out,
             fmt::format("Group <DfltGrpPolicy> User <{}> IP <{}> Authentication: rejected, "
                         "Session Type: WebVPN.",
                         a.user, a.ip));
        return;
      case LineKind::kAcceptedPassword:
        Line(
            line.time, 6, 113012, out,
            fmt::format("AAA user authentication Successful : local database : user = {}", a.user));
        Line(line.time, 6, 716038, out,
             fmt::format("Group <DfltGrpPolicy> User <{}> IP <{}> Authentication: successful, "
                         "Session Type: WebVPN.",
                         a.user, a.ip));
        return;
      default:
        Line(line.time, 4, 113039, out,
             fmt::format("Group <GroupPolicy_Staff> User <{}> IP <{}> AnyConnect parent session "
                         "started.",
                         a.user, a.ip));
        return;
    }
  }

 private:
  void Line(Timestamp time, int severity, int id, fmt::memory_buffer* out,
            std::string_view message) {
    const CivilTime t = ToCivil(time);
    fmt::format_to(std::back_inserter(*out),
                   "<{}>{} {:02} {:04} {:02}:{:02}:{:02} {} : %ASA-{}-{}: {}\n", 160 + severity,
                   kMonths[t.month - 1], t.day, t.year, t.hour, t.minute, t.second, host_, severity,
                   id, message);
  }

  const Population* population_;
  std::string host_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeOpenVpnWriter(const WriterSetup& setup) {
  return std::make_unique<OpenVpnWriter>(setup);
}
std::unique_ptr<RecordWriter> MakeGlobalProtectWriter(const WriterSetup& setup) {
  return std::make_unique<GlobalProtectWriter>(setup);
}
std::unique_ptr<RecordWriter> MakeFortigateWriter(const WriterSetup& setup) {
  return std::make_unique<FortigateWriter>(setup);
}
std::unique_ptr<RecordWriter> MakeAsaWriter(const WriterSetup& setup) {
  return std::make_unique<AsaWriter>(setup);
}

}  // namespace spraytrace::simulate
