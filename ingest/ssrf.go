package ingest

import (
	"net/netip"
)

// blockedV4 lists every range of the IANA IPv4 Special-Purpose Address
// Registry (RFC 6890 and its updates), plus multicast. The fetcher blocks
// even the few ranges the registry calls globally reachable (AS112, AMT,
// anycast relays): no news feed lives there, and a short rule is easier to
// trust than a long one.
var blockedV4 = prefixes(
	"0.0.0.0/8",          // "this network" (RFC 791)
	"10.0.0.0/8",         // private use (RFC 1918)
	"100.64.0.0/10",      // shared address space, carrier-grade NAT; 100.100.100.200 is a cloud metadata address (RFC 6598)
	"127.0.0.0/8",        // loopback (RFC 1122)
	"169.254.0.0/16",     // link local, including 169.254.169.254 metadata (RFC 3927)
	"172.16.0.0/12",      // private use (RFC 1918)
	"192.0.0.0/24",       // IETF protocol assignments: DS-Lite, PCP and TURN anycast, NAT64 discovery (RFC 6890)
	"192.0.2.0/24",       // documentation, TEST-NET-1 (RFC 5737)
	"192.31.196.0/24",    // AS112-v4 (RFC 7535)
	"192.52.193.0/24",    // AMT (RFC 7450)
	"192.88.99.0/24",     // deprecated 6to4 relay anycast (RFC 7526)
	"192.168.0.0/16",     // private use (RFC 1918)
	"192.175.48.0/24",    // direct delegation AS112 service (RFC 7534)
	"198.18.0.0/15",      // benchmarking (RFC 2544)
	"198.51.100.0/24",    // documentation, TEST-NET-2 (RFC 5737)
	"203.0.113.0/24",     // documentation, TEST-NET-3 (RFC 5737)
	"224.0.0.0/4",        // multicast (RFC 5771)
	"240.0.0.0/4",        // reserved (RFC 1112)
	"255.255.255.255/32", // limited broadcast (RFC 919)
)

// blockedV6 lists every range of the IANA IPv6 Special-Purpose Address
// Registry except the three that embed an IPv4 address, which blockedIP
// judges by that address, plus site-local and multicast.
var blockedV6 = prefixes(
	"::/96",             // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291), with :: and ::1
	"::ffff:0:0:0/96",   // SIIT IPv4-translated (RFC 2765): never a real destination
	"64:ff9b:1::/48",    // local-use IPv4/IPv6 translation (RFC 8215)
	"100::/64",          // discard-only (RFC 6666)
	"100:0:0:1::/64",    // dummy IPv6 prefix (RFC 9780)
	"2001::/23",         // IETF protocol assignments: Teredo, benchmarking, AMT, AS112, ORCHID, drone ids (RFC 2928)
	"2001:db8::/32",     // documentation (RFC 3849)
	"2620:4f:8000::/48", // direct delegation AS112 service (RFC 7534)
	"3fff::/20",         // documentation (RFC 9637)
	"5f00::/16",         // segment routing SIDs (RFC 9602)
	"fc00::/7",          // unique local (RFC 4193)
	"fe80::/10",         // link local (RFC 4291)
	"fec0::/10",         // site local (deprecated, RFC 3879)
	"ff00::/8",          // multicast (RFC 4291)
)

// Ranges whose addresses carry an IPv4 address: blocked when that address is.
var (
	nat64   = netip.MustParsePrefix("64:ff9b::/96") // RFC 6052: the last 32 bits
	sixToV4 = netip.MustParsePrefix("2002::/16")    // RFC 3056: bits 16 to 48
)

func prefixes(ss ...string) []netip.Prefix {
	ps := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		ps[i] = netip.MustParsePrefix(s)
	}
	return ps
}

// blockedIP says whether an ingest may not reach ip by default: the fetcher
// takes URLs from feeds and users, and must not be turned against the
// machine's own network, its cloud's metadata service or anything else that
// is not the public Internet. IPv6 forms that embed an IPv4 address
// (IPv4-mapped, NAT64, 6to4) are judged by that address.
func blockedIP(ip netip.Addr) bool {
	ip = ip.Unmap() // ::ffff:a.b.c.d
	if ip.Is4() {
		return inAny(ip, blockedV4)
	}
	if !ip.Is6() || ip.Zone() != "" {
		return true
	}
	b := ip.As16()
	switch {
	case nat64.Contains(ip):
		return blockedIP(netip.AddrFrom4([4]byte(b[12:16])))
	case sixToV4.Contains(ip):
		return blockedIP(netip.AddrFrom4([4]byte(b[2:6])))
	}
	return inAny(ip, blockedV6)
}

func inAny(ip netip.Addr, ps []netip.Prefix) bool {
	for _, p := range ps {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
