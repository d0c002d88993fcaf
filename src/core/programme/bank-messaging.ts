// How the custodian's payment files are addressed: structured postal addresses of the parties
// (CBPR+ asks for them) and, per channel and currency, the correspondent route (intermediary
// agents), the charge bearer and the ISO purpose code. Plain data; absent = no intermediaries,
// shared charges, no purpose code and an address of the party's country only.
export type ChargeBearer = 'DEBT' | 'CRED' | 'SHAR';

export interface PostalAddress {
  readonly partyId: string;
  readonly streetName?: string;
  readonly buildingNumber?: string;
  readonly postCode?: string;
  readonly townName: string;
  readonly countrySubDivision?: string;
  /** ISO 3166-1 alpha-2 */
  readonly country: string;
}

export interface IntermediaryAgent {
  readonly bic: string;
  readonly name?: string;
  readonly country?: string;
}

export interface ChannelRoute {
  readonly channelId: string;
  /** absent = every currency of the channel without a route of its own */
  readonly currency?: string;
  /** in payment order, at most three (IntrmyAgt1..3) */
  readonly intermediaryAgents: readonly IntermediaryAgent[];
  readonly chargeBearer?: ChargeBearer;
  /** ISO 20022 ExternalPurpose1Code, e.g. "GDDS", "MDCS" */
  readonly purposeCode?: string;
}

export interface BankMessaging {
  readonly chargeBearer: ChargeBearer;
  readonly postalAddresses: readonly PostalAddress[];
  readonly channelRoutes: readonly ChannelRoute[];
}

export const intermediaryAgentsMax = 3;

export const noBankMessaging: BankMessaging = {
  chargeBearer: 'SHAR',
  postalAddresses: [],
  channelRoutes: [],
};

/** The route of a payment: a currency-specific route wins over the channel's general one. */
export function routeFor(
  messaging: BankMessaging,
  channelId: string,
  currency: string,
): ChannelRoute | undefined {
  const routes = messaging.channelRoutes.filter((route) => route.channelId === channelId);
  return (
    routes.find((route) => route.currency === currency) ??
    routes.find((route) => route.currency === undefined)
  );
}

export function postalAddressOf(
  messaging: BankMessaging,
  partyId: string,
): PostalAddress | undefined {
  return messaging.postalAddresses.find((address) => address.partyId === partyId);
}
