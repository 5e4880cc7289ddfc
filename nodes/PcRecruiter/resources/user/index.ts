import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../../shared/descriptions';
import * as get from './get';
import * as getAll from './getAll';

export const userDescription: INodeProperties[] = [
	operationSelector('user', [get.option, getAll.option], 'getAll'),
	...get.properties,
	...getAll.properties,
];
