/**
 * Directories of users shaped like each vendor's Get Many items (see shared vendors.md and
 * the stand-in), with realistic lengths: names, e-mail addresses on a company domain, phone
 * numbers, UUIDs where the vendor uses them. For snapshot sizes and engine tests.
 */
import type { IDataObject } from 'n8n-workflow';

import type { UserShape } from '../../nodes/shared/snapshot';

const FIRST = ['Ada', 'Benjamin', 'Chloe', 'Devika', 'Emma', 'Finn', 'Grace', 'Hugo', 'Isabella', 'Jonas', 'Kira', 'Liam', 'Maximilian', 'Noah', 'Olga', 'Pavel'];
const LAST = ['Andersen', 'Bakker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'García', 'Hansen', 'Ivanova', 'Kowalski', 'Müller', "O'Brien", 'Rossi', 'Schmidt', 'van der Berg', 'Zimmermann'];

function person(i: number) {
	const first = FIRST[i % FIRST.length];
	const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length];
	const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
	return { first, last, email: `${local}${i}@northwind-legal.com`, phone: `+31 20 555 ${String(1000 + (i % 9000))}` };
}

/** A UUID-looking ID that is the same for the same seed. */
export function uuid(seed: number): string {
	const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
	const a = hex(Math.imul(seed + 1, 2654435761));
	const b = hex(Math.imul(seed + 7, 2246822519));
	const c = hex(Math.imul(seed + 13, 3266489917));
	const d = hex(Math.imul(seed + 29, 668265263));
	return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

export interface Directory {
	shape: UserShape;
	user(i: number): IDataObject;
}

export const directories: Record<string, Directory> = {
	pcRecruiter: {
		shape: { idField: 'UserName', identityFields: ['EmailAddress', 'FullName'], isInactive: (u) => u.ActiveUser === false },
		user: (i) => {
			const p = person(i);
			return {
				UserName: `${p.first}${p.last}`.normalize('NFD').replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 12) + i,
				FullName: `${p.first} ${p.last}`,
				EmailAddress: p.email,
				Phone: p.phone,
				PhoneExt: i % 5 === 0 ? String(100 + (i % 900)) : null,
				ReplicationNumber: null,
				ActiveUser: true,
			};
		},
	},
	recrubo: {
		shape: { idField: 'id', identityFields: ['email', 'externalId', 'firstName', 'lastName'] },
		user: (i) => {
			const p = person(i);
			const at = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
			return {
				id: uuid(i),
				firstName: p.first,
				lastName: p.last,
				fullName: `${p.first} ${p.last}`,
				email: p.email,
				phone: p.phone.replace(/[^0-9+]/g, ''),
				timeZone: 'Europe/Amsterdam',
				externalId: `EXT-${String(i).padStart(6, '0')}`,
				createdAt: at,
				updatedAt: at,
			};
		},
	},
	highQPublisher: {
		shape: {
			idField: 'id',
			identityFields: ['email', 'externalid', 'name.firstname', 'name.lastname'],
			isInactive: (u) => ['archive', 'disable', 'suspended'].includes(String(u.status)),
		},
		user: (i) => {
			const p = person(i);
			return {
				id: i + 1,
				name: { firstname: p.first, lastname: p.last, title: '' },
				externalid: String(1000 + i),
				email: p.email,
				phone: p.phone.replace(/[^0-9]/g, ''),
				jobtitle: i % 2 ? 'Associate' : 'Senior Solution Architect',
				mobile: '',
				department: 'Litigation',
				status: 'active',
				organisation: { orgname: 'Acme Legal LLP', orgid: 76, orgaddressid: 99 },
				location: { addressline1: 'New London House', city: 'London', country: 'United Kingdom', postcode: 'EC3R 7LP' },
			};
		},
	},
	hcss: {
		shape: { idField: 'id', identityFields: ['userName', 'email', 'employeeCode', 'firstName', 'lastName'] },
		user: (i) => {
			const p = person(i);
			return {
				id: uuid(i),
				userName: p.email,
				firstName: p.first,
				lastName: p.last,
				phoneNumber: p.phone.replace(/ /g, ''),
				email: p.email,
				contactMethod: 'Email',
				userRole: uuid(1_000_000 + (i % 3)),
				subscriptionGroup: uuid(2_000_000 + (i % 2)),
				note: null,
				homeBusinessUnit: uuid(3_000_000 + (i % 3)),
				employeeCode: `EMP-${String(i).padStart(5, '0')}`,
				allowPhoneNumberLogin: false,
				excludeFromExternalAuthentication: false,
				businessUnitAccess: { type: 'AllBusinessUnits', values: null },
				jobAccess: { type: 'AllJobs', values: null },
			};
		},
	},
};

export function usersOf(directory: Directory, count: number, from = 0): IDataObject[] {
	return Array.from({ length: count }, (_, i) => directory.user(from + i));
}
