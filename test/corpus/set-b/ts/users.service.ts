import { Injectable, NotFoundException, BadRequestException } from '@nestjs/common';
import { InjectRepository, InjectDataSource } from '@nestjs/typeorm';
import { ConfigService } from '@nestjs/config';
import { DataSource, Repository, Brackets } from 'typeorm';
import { User } from './user.entity';
import { ListUsersDto } from './dto/list-users.dto';

const ORDERABLE: Record<string, string> = {
  email: 'u.email',
  created: 'u.createdAt',
  lastSeen: 'u.lastSeenAt',
};

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService,
  ) {}

  async findOne(id: string): Promise<User> {
    // ok: CWE-89 -- repository method
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw new NotFoundException();
    return user;
  }

  async list(dto: ListUsersDto) {
    const qb = this.users.createQueryBuilder('u').select(['u.id', 'u.email', 'u.createdAt']);
    if (dto.email) {
      // ok: CWE-89 -- named parameter
      qb.andWhere('u.email ILIKE :email', { email: `%${dto.email}%` });
    }
    if (dto.roles?.length) {
      // ok: CWE-89
      qb.andWhere('u.role IN (:...roles)', { roles: dto.roles });
    }
    if (dto.company) {
      // expect: CWE-89 -- interpolated into the where string
      qb.andWhere(`u.company = '${dto.company}'`);
    }
    const orderBy = ORDERABLE[dto.sort ?? 'created'] ?? 'u.createdAt';
    // ok: CWE-89 -- order column from a lookup table
    qb.orderBy(orderBy, dto.dir === 'ASC' ? 'ASC' : 'DESC');
    return qb.take(Math.min(dto.limit ?? 20, 100)).getMany();
  }

  async search(term: string, sortField: string) {
    return this.users
      .createQueryBuilder('u')
      .where(
        new Brackets((w) => {
          // ok: CWE-89
          w.where('u.firstName ILIKE :t', { t: `%${term}%` }).orWhere('u.lastName ILIKE :t', { t: `%${term}%` });
        }),
      )
      // expect: CWE-89 -- sort field straight from the caller
      .orderBy(`u.${sortField}`)
      .getMany();
  }

  async lastLogins(ip: string) {
    // expect: CWE-89 -- Repository.query runs raw SQL too
    return this.users.query(`SELECT "userId", "at" FROM logins WHERE ip = '${ip}' ORDER BY "at" DESC LIMIT 20`);
  }

  async stats(since: Date) {
    // ok: CWE-89
    return this.dataSource.query('SELECT date_trunc($1, "createdAt") AS bucket, count(*) FROM users WHERE "createdAt" >= $2 GROUP BY 1', ['day', since]);
  }

  async countByDomain(domain: string) {
    // expect: CWE-89
    const rows = await this.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@${domain}'`);
    return rows[0].n;
  }

  async setTenantSchema() {
    const schema = this.config.get<string>('TENANT_SCHEMA');
    // expect: CWE-89 -- value from configuration
    await this.dataSource.query(`SET search_path TO ${schema}, public`);
  }

  async mergeAccounts(keepId: string, dropId: string) {
    await this.dataSource.transaction(async (manager) => {
      // ok: CWE-89
      await manager.query('UPDATE orders SET "userId" = $1 WHERE "userId" = $2', [keepId, dropId]);
      // expect: CWE-89 -- function parameter concatenated
      await manager.query('DELETE FROM users WHERE id = \'' + dropId + '\'');
    });
  }

  async paged(page: number, size: number) {
    // expect: CWE-89 -- a TypeScript number annotation is not a runtime check; values come from the controller's query object
    return this.dataSource.query(`SELECT id, email FROM users ORDER BY id LIMIT ${size} OFFSET ${page * size}`);
  }

  async pagedSafe(page: string, size: string) {
    const p = parseInt(page, 10) || 0;
    const s = Math.min(parseInt(size, 10) || 20, 100);
    // ok: CWE-89 -- both parsed
    return this.dataSource.query(`SELECT id, email FROM users ORDER BY id LIMIT ${s} OFFSET ${p * s}`);
  }

  async deactivate(ids: string[]) {
    if (!Array.isArray(ids) || ids.length === 0) throw new BadRequestException();
    await this.users
      .createQueryBuilder()
      .update(User)
      .set({ active: false })
      // ok: CWE-89
      .where('id IN (:...ids)', { ids })
      .execute();
  }
}
