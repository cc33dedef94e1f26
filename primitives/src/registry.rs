//! What every domain pallet asks the registry: who is this account, and what may it do?
//!
//! The registry pallet implements [`OrgRegistry`]; the runtime hands it to the other pallets,
//! which never import the registry pallet itself.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// The `InvalidTransaction::Custom` code with which the membership gate refuses a transaction
/// whose signer the chain does not know: not a council member, not a validator, not a member
/// account of an active organisation. Clients turn it into a sentence.
pub const UNKNOWN_SIGNER: u8 = 1;

/// Identifies an organisation: an authority, a facility, a laboratory, a company, an institute.
pub type OrgId = u32;

/// Identifies a cluster of facilities in one locality.
pub type ClusterId = u32;

/// One thing an organisation may do on the chain.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[repr(u16)]
pub enum Capability {
	/// Submit disease surveillance reports.
	ReportCases = 1 << 0,
	/// Issue health certificates.
	IssueCertificates = 1 << 1,
	/// Hold medical supplies in stock.
	HoldStock = 1 << 2,
	/// Manufacture medical supplies.
	Manufacture = 1 << 3,
	/// Read de-identified research data.
	ReadResearchData = 1 << 4,
	/// Author and access medical records (a healthcare centre).
	ProvideCare = 1 << 5,
}

impl Capability {
	/// Every capability, in bit order.
	pub const ALL: [Capability; 6] = [
		Capability::ReportCases,
		Capability::IssueCertificates,
		Capability::HoldStock,
		Capability::Manufacture,
		Capability::ReadResearchData,
		Capability::ProvideCare,
	];
}

/// A set of [`Capability`], stored as bits.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Capabilities(pub u16);

/// The methods of a set of flags kept as the bits of a `u16` (`Capabilities`, `Roles`): the
/// set of some flags, whether it holds one, and whether every bit is a known flag.
macro_rules! flag_set {
	($set:ident, $flag:ident, $name:literal) => {
		impl $set {
			#[doc = concat!("The set of the given ", $name, "s.")]
			pub fn of(flags: &[$flag]) -> Self {
				Self(flags.iter().fold(0, |bits, flag| bits | *flag as u16))
			}

			#[doc = concat!("Whether the set holds a ", $name, ".")]
			pub fn has(&self, flag: $flag) -> bool {
				self.0 & flag as u16 != 0
			}

			#[doc = concat!("Whether every bit is a known ", $name, ".")]
			pub fn is_known(&self) -> bool {
				self.0 & !Self::of(&$flag::ALL).0 == 0
			}
		}
	};
}

flag_set!(Capabilities, Capability, "capability");
flag_set!(Roles, Role, "role");

/// One job a member account may do for its organisation. An account holds one or more; an
/// organisation's administrator assigns them. Each call that acts for an organisation needs
/// the organisation's capability *and* the caller's role.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[repr(u16)]
pub enum Role {
	/// Manages the organisation's accounts and their roles, and takes the decisions that bind
	/// the organisation as a whole (for an authority: registering, suspending and recovering
	/// the organisations it governs; reviewing break-glass; approving key recoveries).
	Admin = 1 << 0,
	/// Enters surveillance reports and their amendments, relays offline reports and
	/// acknowledges guidance.
	Reporter = 1 << 1,
	/// For an authority: approves, rejects, reopens and voids reports, sets alert thresholds
	/// and publishes guidance.
	Reviewer = 1 << 2,
	/// Records stock: products, lots, shipments, receipts, use, counts, losses, requisitions.
	StockKeeper = 1 << 3,
	/// Enrols patients, writes and reads medical records, breaks the glass.
	Clinician = 1 << 4,
	/// Issues, updates and revokes health certificates.
	CertificateOfficer = 1 << 5,
	/// Keys the chain trusts and what depends on them: certificate signing keys, temperature
	/// loggers, recalls.
	KeyOfficer = 1 << 6,
}

impl Role {
	/// Every role, in bit order.
	pub const ALL: [Role; 7] = [
		Role::Admin,
		Role::Reporter,
		Role::Reviewer,
		Role::StockKeeper,
		Role::Clinician,
		Role::CertificateOfficer,
		Role::KeyOfficer,
	];
}

/// A set of [`Role`], stored as bits. In a chain spec, a list of role names.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Roles(pub u16);

impl Roles {
	/// The set of one role.
	pub const fn only(role: Role) -> Self {
		Self(role as u16)
	}

	/// Every role.
	pub fn all() -> Self {
		Self::of(&Role::ALL)
	}

	/// Whether the set is empty.
	pub fn is_empty(&self) -> bool {
		self.0 == 0
	}

	/// The roles of the set, in bit order.
	pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
		Role::ALL.into_iter().filter(|role| self.has(*role))
	}
}

impl Serialize for Roles {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.collect_seq(self.iter())
	}
}

impl<'de> Deserialize<'de> for Roles {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let roles = alloc::vec::Vec::<Role>::deserialize(deserializer)?;
		Ok(Roles::of(&roles))
	}
}

/// What the registry knows of the organisation an account acts for, read in one look-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
	/// The organisation.
	pub org: OrgId,
	/// Whether it is active (not suspended).
	pub active: bool,
	/// What it may do.
	pub capabilities: Capabilities,
	/// Its region code.
	pub region: alloc::vec::Vec<u8>,
	/// Its cluster, if it belongs to one.
	pub cluster: Option<ClusterId>,
	/// The account's roles in it.
	pub roles: Roles,
}

impl Membership {
	/// Whether the account holds `role` in an active organisation.
	pub fn may(&self, role: Role) -> bool {
		self.active && self.roles.has(role)
	}

	/// Whether the account is one of the organisation's administrators.
	pub fn is_admin(&self) -> bool {
		self.roles.has(Role::Admin)
	}
}

/// The registry's answers, for the pallets that need them.
pub trait OrgRegistry<AccountId> {
	/// The organisation `who` is a member of, active or suspended, with what a call needs of
	/// it: one read of the member and one of the organisation, where asking
	/// [`OrgRegistry::active_org_of`], [`OrgRegistry::has_capability`] and
	/// [`OrgRegistry::region_of`] one by one reads and decodes each again.
	fn membership_of(who: &AccountId) -> Option<Membership>;

	/// The organisation `who` is a member of, if it is active; `None` for an unknown account
	/// and for every account of a suspended organisation.
	fn active_org_of(who: &AccountId) -> Option<OrgId>;

	/// Whether `who` belongs to an active organisation that has `capability`.
	fn has_capability(who: &AccountId, capability: Capability) -> bool;

	/// `who`'s membership, if `who` belongs to an active authority whose region contains
	/// `region`; the caller then checks the role the call needs.
	fn authority_over(who: &AccountId, region: &[u8]) -> Option<Membership>;

	/// The region code of an organisation.
	fn region_of(org: OrgId) -> Option<alloc::vec::Vec<u8>>;

	/// The cluster an organisation belongs to.
	fn cluster_of(org: OrgId) -> Option<ClusterId>;

	/// The organisation `who` is a member of, active or suspended.
	fn org_of(who: &AccountId) -> Option<OrgId>;

	/// Whether an organisation exists and is active with `capability`.
	fn org_has_capability(org: OrgId, capability: Capability) -> bool;

	/// Whether an organisation exists and is active.
	fn org_is_active(org: OrgId) -> bool;

	/// The region a cluster covers.
	fn cluster_region(cluster: ClusterId) -> Option<alloc::vec::Vec<u8>>;

	/// The facilities of a cluster.
	fn cluster_members(cluster: ClusterId) -> alloc::vec::Vec<OrgId>;

	/// The registry's limits on region codes: the longest code in bytes and the most segments.
	/// A pallet that stores region codes holds the same limits (its `integrity_test` checks).
	fn region_limits() -> (u32, u32);

	/// The organisations whose region lies inside `region` among organisations `from`,
	/// `from + 1`, ... (at most `limit` of them, and [`crate::MAX_PAGE`], read): for runtime
	/// APIs and view functions, never for a dispatchable. `next` is where the next page starts.
	fn organisations_within(region: &[u8], from: OrgId, limit: u32) -> crate::Page<OrgId, OrgId>;
}

/// The regions that contain `code`, from `code` itself up to its country, then the whole world
/// (the empty code): `IN-KA-BLR`, `IN-KA`, `IN`, ``.
pub fn region_and_ancestors(code: &[u8]) -> impl Iterator<Item = &[u8]> {
	let cuts = code.iter().enumerate().rev().filter(|(_, b)| **b == b'-').map(|(i, _)| i);
	let own = (!code.is_empty()).then_some(code.len());
	own.into_iter().chain(cuts).map(move |end| &code[..end]).chain(core::iter::once(&code[..0]))
}

/// Whether region `code` lies inside region `ancestor`: the same code, or a code that extends
/// it by one or more `-`-separated segments. The empty code is the whole world.
pub fn region_contains(ancestor: &[u8], code: &[u8]) -> bool {
	ancestor.is_empty()
		|| code == ancestor
		|| (code.len() > ancestor.len()
			&& code.starts_with(ancestor)
			&& code[ancestor.len()] == b'-')
}

/// Why a region code is malformed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionCodeError {
	/// Not uppercase ASCII letters and digits in `-`-separated segments, or an empty segment.
	Malformed,
	/// The first segment is not a two-letter ISO 3166-1 country code.
	NotACountry,
	/// More segments than allowed.
	TooDeep,
}

/// Checks that `code` is a region code: a two-letter country, then at most `max_depth - 1`
/// further segments of uppercase letters and digits, joined by `-` (`IN`, `IN-KA`,
/// `IN-KA-BLR`). The empty code (the whole world) is not a region code a caller may give.
pub fn validate_region_code(code: &[u8], max_depth: u32) -> Result<(), RegionCodeError> {
	let mut depth = 0u32;
	for (index, segment) in code.split(|b| *b == b'-').enumerate() {
		if segment.is_empty()
			|| !segment.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
		{
			return Err(RegionCodeError::Malformed);
		}
		if index == 0 && !(segment.len() == 2 && segment.iter().all(u8::is_ascii_uppercase)) {
			return Err(RegionCodeError::NotACountry);
		}
		depth += 1;
	}
	if depth > max_depth {
		return Err(RegionCodeError::TooDeep);
	}
	Ok(())
}

/// The deepest and longest region code that `max_length` bytes and `max_depth` segments allow
/// under `country`: the country, then equal segments of `A`. It is the worst case of every
/// walk up a region's ancestors, which benchmarks need.
pub fn deepest_region_code(country: &[u8], max_length: u32, max_depth: u32) -> alloc::vec::Vec<u8> {
	let mut code = country.to_vec();
	let extra = max_depth.saturating_sub(1) as usize;
	if extra == 0 {
		return code;
	}
	// Each further segment costs its `-` and its letters.
	let room = (max_length as usize).saturating_sub(country.len());
	let segment = (room / extra).saturating_sub(1).max(1);
	for _ in 0..extra {
		code.push(b'-');
		code.extend(core::iter::repeat_n(b'A', segment));
	}
	code
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_region_contains_itself_and_its_descendants_only() {
		assert!(region_contains(b"IN", b"IN"));
		assert!(region_contains(b"IN", b"IN-KA-BLR"));
		assert!(region_contains(b"", b"FR"));
		assert!(!region_contains(b"IN", b"INX"));
		assert!(!region_contains(b"IN-KA", b"IN"));
		assert!(!region_contains(b"IN-KA", b"IN-KAR"));
	}

	#[test]
	fn region_codes_are_validated() {
		assert_eq!(validate_region_code(b"IN-KA-BLR", 4), Ok(()));
		assert_eq!(validate_region_code(b"", 4), Err(RegionCodeError::Malformed));
		assert_eq!(validate_region_code(b"in", 4), Err(RegionCodeError::Malformed));
		assert_eq!(validate_region_code(b"IN--KA", 4), Err(RegionCodeError::Malformed));
		assert_eq!(validate_region_code(b"IN-", 4), Err(RegionCodeError::Malformed));
		assert_eq!(validate_region_code(b"IND", 4), Err(RegionCodeError::NotACountry));
		assert_eq!(validate_region_code(b"I1", 4), Err(RegionCodeError::NotACountry));
		assert_eq!(validate_region_code(b"IN-KA-BLR-1-2", 4), Err(RegionCodeError::TooDeep));
	}

	#[test]
	fn a_region_has_its_prefixes_and_the_world_as_ancestors() {
		let all: alloc::vec::Vec<&[u8]> = region_and_ancestors(b"IN-KA-BLR").collect();
		assert_eq!(all, [&b"IN-KA-BLR"[..], b"IN-KA", b"IN", b""]);
		let world: alloc::vec::Vec<&[u8]> = region_and_ancestors(b"").collect();
		assert_eq!(world, [&b""[..]]);
	}

	#[test]
	fn the_deepest_region_code_fills_the_limits_and_is_valid() {
		let code = deepest_region_code(b"FR", 32, 5);
		assert_eq!(code, b"FR-AAAAAA-AAAAAA-AAAAAA-AAAAAA".to_vec());
		assert_eq!(validate_region_code(&code, 5), Ok(()));
		assert_eq!(validate_region_code(&code, 4), Err(RegionCodeError::TooDeep));
		// One more letter in each of its four segments would not fit.
		assert!(code.len() <= 32 && code.len() + 4 > 32);
		assert_eq!(deepest_region_code(b"FR", 32, 1), b"FR".to_vec());
	}

	#[test]
	fn roles_are_a_set_spelled_as_a_list() {
		let set = Roles::of(&[Role::Reporter, Role::KeyOfficer]);
		assert!(set.has(Role::Reporter) && !set.has(Role::Admin));
		assert!(set.is_known() && !Roles(1 << 9).is_known());
		assert_eq!(serde_json::to_string(&set).unwrap(), r#"["Reporter","KeyOfficer"]"#);
		assert_eq!(serde_json::from_str::<Roles>(r#"["KeyOfficer","Reporter"]"#).unwrap(), set);
		let member = Membership {
			org: 0,
			active: false,
			capabilities: Capabilities::default(),
			region: alloc::vec::Vec::new(),
			cluster: None,
			roles: Roles::all(),
		};
		assert!(!member.may(Role::Reporter), "a suspended organisation's roles count for nothing");
	}

	#[test]
	fn capabilities_are_a_set() {
		let set = Capabilities::of(&[Capability::ReportCases, Capability::HoldStock]);
		assert!(set.has(Capability::ReportCases));
		assert!(!set.has(Capability::Manufacture));
		assert!(set.is_known());
		assert!(!Capabilities(1 << 15).is_known());
	}
}
