//! Temperature loggers: registered only with the logger's own signature over (genesis,
//! holder), at most [`Config::MaxSensorsPerHolder`] per holder, removed by the holder's key
//! officer or by an authority over the holder, and heard only while their holder is active.

use super::*;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::supply::sensor_proof_message;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// [`Pallet::register_sensor`] for `who`: returns the holder.
	pub(crate) fn add_sensor(
		who: &T::AccountId,
		sensor: &T::AccountId,
		proof: &T::SensorSignature,
	) -> Result<OrgId, Error<T>> {
		let org = Self::holder(who, Role::KeyOfficer)?;
		ensure!(
			!Sensors::<T>::contains_key(sensor) && T::Registry::org_of(sensor).is_none(),
			Error::<T>::SensorTaken
		);
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let message = sensor_proof_message(&genesis, org);
		ensure!(proof.verify(&message[..], sensor), Error::<T>::BadSensorProof);
		let count = SensorCounts::<T>::get(org);
		ensure!(count < T::MaxSensorsPerHolder::get(), Error::<T>::TooManySensors);
		SensorCounts::<T>::insert(org, count + 1);
		Sensors::<T>::insert(sensor, org);
		Ok(org)
	}

	/// [`Pallet::remove_sensor`] for `who`: returns the holder.
	pub(crate) fn take_sensor(
		who: &T::AccountId,
		sensor: &T::AccountId,
	) -> Result<OrgId, Error<T>> {
		let holder = Sensors::<T>::get(sensor).ok_or(Error::<T>::UnknownSensor)?;
		let own = T::Registry::membership_of(who).filter(|member| member.org == holder);
		match own {
			Some(member) => {
				ensure!(member.active, Error::<T>::OrganisationNotActive);
				ensure!(member.roles.has(Role::KeyOfficer), Error::<T>::NotAKeyOfficer);
			},
			None => {
				let region =
					T::Registry::region_of(holder).ok_or(Error::<T>::NotAuthorityOverHolder)?;
				let authority = T::Registry::authority_over(who, &region)
					.ok_or(Error::<T>::NotAuthorityOverHolder)?;
				ensure!(authority.roles.has(Role::KeyOfficer), Error::<T>::NotAKeyOfficer);
			},
		}
		Sensors::<T>::remove(sensor);
		SensorCounts::<T>::mutate(holder, |count| *count = count.saturating_sub(1));
		Ok(holder)
	}

	/// Whether `sensor` is a registered logger whose holder is active and holds stock: what
	/// the membership gate admits it for.
	pub fn hears_sensor(sensor: &T::AccountId) -> bool {
		matches!(Self::sensor_holder(sensor), Some(Ok(_)))
	}

	/// The holder a logger reports for, if its holder is active and holds stock.
	pub(crate) fn sensor_holder(sensor: &T::AccountId) -> Option<Result<OrgId, Error<T>>> {
		Sensors::<T>::get(sensor).map(|holder| {
			ensure!(Self::holds_stock(holder), Error::<T>::SensorHolderNotActive);
			Ok(holder)
		})
	}
}
