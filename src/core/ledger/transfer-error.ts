export interface TransferError {
  /** position of the offending request in its batch */
  readonly index: number;
  readonly transferId: string;
  readonly code: string;
  readonly message: string;
}
