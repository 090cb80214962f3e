import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person seen in report rows. Keyed on member_id because Zoom anonymises people outside the account:
 * their user id and email come back empty, the member id does not (REFERENCE §7.2).
 */
@Entity({ name: 'directory_users' })
export class DirectoryUser {
  @PrimaryColumn({ name: 'member_id', type: 'text', primaryKeyConstraintName: 'pk_directory_users' })
  memberId!: string;

  @Column({ name: 'user_id', type: 'text', default: '' })
  userId!: string;

  @Column({ type: 'text', default: '' })
  email!: string;

  @Column({ name: 'display_name', type: 'text', default: '' })
  displayName!: string;

  @Column({ name: 'is_external', type: 'boolean', default: false })
  isExternal!: boolean;

  /** Zoom's action time (ms) of the report row the email was taken from (0: none yet). */
  @Column({ name: 'email_ts', type: 'bigint', default: 0 })
  emailTs!: string;

  /** Zoom's action time (ms) of the report row the display name was taken from (0: none yet). */
  @Column({ name: 'name_ts', type: 'bigint', default: 0 })
  nameTs!: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;
}
