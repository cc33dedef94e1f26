//! What the pallet tells the world: one event per change of a report, an aggregate's alert,
//! a threshold or a guidance.

use frame_support::pallet_macros::pallet_section;

#[pallet_section]
mod events {
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A facility submitted the first version of a report.
		ReportSubmitted { org: OrgId, disease: DiseaseCode<T>, period: Period, on_time: bool },
		/// A facility amended a report; `version` is the new one.
		ReportAmended { org: OrgId, disease: DiseaseCode<T>, period: Period, version: u32 },
		/// A member account relayed version `version` of a report the facility signed offline
		/// (after its `ReportSubmitted` or `ReportAmended`).
		ReportRelayed {
			org: OrgId,
			disease: DiseaseCode<T>,
			period: Period,
			version: u32,
			relayed_by: T::AccountId,
		},
		/// An authority approved a report.
		ReportApproved { org: OrgId, disease: DiseaseCode<T>, period: Period, by: OrgId },
		/// An authority sent a report back.
		ReportRejected {
			org: OrgId,
			disease: DiseaseCode<T>,
			period: Period,
			by: OrgId,
			reason: RejectionReason,
		},
		/// An authority re-opened an approved report for amendment.
		ReportReopened { org: OrgId, disease: DiseaseCode<T>, period: Period, by: OrgId },
		/// An authority voided a report: its counts left every total for good.
		ReportVoided {
			org: OrgId,
			disease: DiseaseCode<T>,
			period: Period,
			by: OrgId,
			reason: VoidReason,
		},
		/// An authority set (or, with 0, removed) a region's threshold for a disease, or for
		/// one lineage of it.
		ThresholdSet {
			region: RegionCode<T>,
			disease: DiseaseCode<T>,
			lineage: Option<Lineage<T>>,
			confirmed: u32,
			by: OrgId,
		},
		/// A region's confirmed cases of a disease (of one lineage of it, for a variant alert)
		/// in a period reached its threshold.
		OutbreakAlert {
			region: RegionCode<T>,
			disease: DiseaseCode<T>,
			lineage: Option<Lineage<T>>,
			period: Period,
			confirmed: u64,
			threshold: u32,
		},
		/// A region's confirmed cases of a disease (or lineage) in a period are no longer at
		/// or above its threshold (an amendment, a rejection, a void or a threshold change),
		/// or it has none.
		AlertCleared {
			region: RegionCode<T>,
			disease: DiseaseCode<T>,
			lineage: Option<Lineage<T>>,
			period: Period,
			confirmed: u64,
		},
		/// An alert's period passed out of the alert window, and the alert closed.
		AlertExpired {
			region: RegionCode<T>,
			disease: DiseaseCode<T>,
			lineage: Option<Lineage<T>>,
			period: Period,
		},
		/// An authority published guidance.
		GuidancePublished { guidance: GuidanceId, author: OrgId, severity: Severity },
		/// A facility acknowledged guidance.
		GuidanceAcknowledged { guidance: GuidanceId, org: OrgId },
	}
}
