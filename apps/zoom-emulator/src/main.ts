import 'reflect-metadata';
import { X } from '#libs/zoom-contract';
console.log(X);
