package ingest

import (
	"net/netip"
	"testing"
)

// TestBlockedIP walks the IANA IPv4 and IPv6 special-purpose address
// registries range by range (issue 14 item 7), with the public addresses
// just outside them, which must stay reachable.
func TestBlockedIP(t *testing.T) {
	for _, tc := range []struct {
		ip      string
		blocked bool
		why     string
	}{
		// IPv4 special-purpose registry.
		{"0.0.0.0", true, "this host"},
		{"0.1.2.3", true, "this network 0.0.0.0/8"},
		{"0.255.255.255", true, "end of 0.0.0.0/8"},
		{"10.0.0.1", true, "private 10/8"},
		{"10.255.255.255", true, "end of 10/8"},
		{"100.64.0.0", true, "shared address space 100.64/10"},
		{"100.100.100.200", true, "cloud metadata in 100.64/10"},
		{"100.127.255.255", true, "end of 100.64/10"},
		{"127.0.0.1", true, "loopback"},
		{"127.255.255.254", true, "loopback /8"},
		{"169.254.169.254", true, "link-local metadata"},
		{"172.16.0.1", true, "private 172.16/12"},
		{"172.31.255.255", true, "end of 172.16/12"},
		{"192.0.0.0", true, "IETF protocol assignments 192.0.0/24"},
		{"192.0.0.8", true, "IPv4 dummy address"},
		{"192.0.0.9", true, "port control protocol anycast"},
		{"192.0.0.10", true, "TURN anycast"},
		{"192.0.0.170", true, "NAT64 discovery"},
		{"192.0.0.255", true, "end of 192.0.0/24"},
		{"192.0.2.1", true, "TEST-NET-1"},
		{"192.31.196.1", true, "AS112-v4"},
		{"192.52.193.1", true, "AMT"},
		{"192.88.99.1", true, "6to4 relay anycast"},
		{"192.168.1.1", true, "private 192.168/16"},
		{"192.175.48.1", true, "direct delegation AS112"},
		{"198.18.0.1", true, "benchmarking 198.18/15"},
		{"198.19.255.255", true, "end of 198.18/15"},
		{"198.51.100.7", true, "TEST-NET-2"},
		{"203.0.113.9", true, "TEST-NET-3"},
		{"224.0.0.1", true, "multicast"},
		{"239.255.255.250", true, "multicast SSDP"},
		{"240.0.0.1", true, "reserved 240/4"},
		{"255.255.255.254", true, "reserved 240/4"},
		{"255.255.255.255", true, "limited broadcast"},
		// Public IPv4, just outside those ranges.
		{"1.1.1.1", false, "public"},
		{"8.8.8.8", false, "public"},
		{"9.255.255.255", false, "before 10/8"},
		{"11.0.0.0", false, "after 10/8"},
		{"100.63.255.255", false, "before 100.64/10"},
		{"100.128.0.0", false, "after 100.64/10"},
		{"172.15.255.255", false, "before 172.16/12"},
		{"172.32.0.0", false, "after 172.16/12"},
		{"192.0.1.1", false, "between 192.0.0/24 and 192.0.2/24"},
		{"198.17.255.255", false, "before 198.18/15"},
		{"198.20.0.0", false, "after 198.18/15"},
		{"223.255.255.255", false, "before multicast"},

		// IPv6 special-purpose registry.
		{"::", true, "unspecified"},
		{"::1", true, "loopback"},
		{"::127.0.0.1", true, "IPv4-compatible loopback"},
		{"::8.8.8.8", true, "IPv4-compatible (deprecated) even when public"},
		{"::ffff:127.0.0.1", true, "IPv4-mapped loopback"},
		{"::ffff:10.1.2.3", true, "IPv4-mapped private"},
		{"::ffff:100.100.100.200", true, "IPv4-mapped shared space"},
		{"::ffff:0:a01:203", true, "SIIT IPv4-translated"},
		{"64:ff9b::7f00:1", true, "NAT64 of loopback"},
		{"64:ff9b::10.0.0.1", true, "NAT64 of private"},
		{"64:ff9b::169.254.169.254", true, "NAT64 of metadata"},
		{"64:ff9b:1::1", true, "local-use IPv4/IPv6 translation"},
		{"100::1", true, "discard-only"},
		{"100:0:0:1::1", true, "dummy IPv6 prefix"},
		{"2001::1", true, "Teredo"},
		{"2001:1::1", true, "PCP anycast"},
		{"2001:1::2", true, "TURN anycast"},
		{"2001:2::1", true, "benchmarking"},
		{"2001:3::1", true, "AMT"},
		{"2001:4:112::1", true, "AS112-v6"},
		{"2001:10::1", true, "deprecated ORCHID"},
		{"2001:20::1", true, "ORCHIDv2"},
		{"2001:30::1", true, "drone remote id"},
		{"2001:1ff:ffff::1", true, "end of 2001::/23"},
		{"2001:db8::1", true, "documentation"},
		{"2002:7f00:1::1", true, "6to4 of loopback"},
		{"2002:c0a8:101::1", true, "6to4 of 192.168.1.1"},
		{"2002:a9fe:a9fe::1", true, "6to4 of metadata"},
		{"2620:4f:8000::1", true, "direct delegation AS112"},
		{"3fff::1", true, "documentation 3fff::/20"},
		{"5f00::1", true, "segment routing SIDs"},
		{"fc00::1", true, "unique local"},
		{"fd12:3456::1", true, "unique local"},
		{"fe80::1", true, "link local"},
		{"fe80::1%eth0", true, "link local with a zone"},
		{"fec0::1", true, "site local"},
		{"feff::1", true, "end of site local"},
		{"ff02::1", true, "multicast"},
		{"ff05::1:3", true, "multicast"},
		// Public IPv6 and the embedded forms of public IPv4.
		{"2606:4700:4700::1111", false, "public"},
		{"2a00:1450:4001::1", false, "public"},
		{"2001:200::1", false, "after 2001::/23"},
		{"64:ff9b::8.8.8.8", false, "NAT64 of a public address"},
		{"2002:808:808::1", false, "6to4 of 8.8.8.8"},
		{"::ffff:8.8.8.8", false, "IPv4-mapped public"},
	} {
		ip, err := netip.ParseAddr(tc.ip)
		if err != nil {
			t.Fatalf("%s: %v", tc.ip, err)
		}
		if got := blockedIP(ip); got != tc.blocked {
			t.Errorf("blockedIP(%s) = %v, want %v (%s)", tc.ip, got, tc.blocked, tc.why)
		}
	}
}

// TestBlockedIPPrefixes checks both ends of every listed range, so that a
// typo in a prefix length cannot hide behind the examples above.
func TestBlockedIPPrefixes(t *testing.T) {
	for _, list := range [][]netip.Prefix{blockedV4, blockedV6} {
		for _, p := range list {
			first := p.Masked().Addr()
			last := first
			for i := p.Bits(); i < first.BitLen(); i++ {
				b := last.AsSlice()
				b[i/8] |= 0x80 >> (i % 8)
				last, _ = netip.AddrFromSlice(b)
			}
			for _, ip := range []netip.Addr{first, last} {
				if ip.Is6() && (nat64.Contains(ip) || sixToV4.Contains(ip)) {
					continue
				}
				if !blockedIP(ip) {
					t.Errorf("%s (in %s) is not blocked", ip, p)
				}
			}
		}
	}
}
