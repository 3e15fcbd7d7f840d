import { Body, Controller, Get, Injectable, NotFoundException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Order } from './entities/order.entity';
import { OrderItem } from './entities/order-item.entity';

const SORT_COLUMNS: Record<string, string> = { date: 'o.createdAt', total: 'o.total', status: 'o.status' };

export interface OrderFilter {
  status?: string;
  customerId?: number;
  search?: string;
  sort?: string;
  direction?: string;
}

export interface CreateOrderDto {
  customerId: number;
  reference: string;
  total: number;
}

@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(Order) private readonly repo: Repository<Order>,
    @InjectRepository(OrderItem) private readonly items: Repository<OrderItem>,
  ) {}

  async findOne(id: number): Promise<Order> {
    // ok: CWE-89 -- repository finder with an object where
    const order = await this.repo.findOne({ where: { id }, relations: ['items'] });
    if (!order) throw new NotFoundException(`order ${id} not found`);
    return order;
  }

  async findByIds(ids: number[]): Promise<Order[]> {
    // ok: CWE-89 -- In() operator, values bound
    return this.repo.findBy({ id: In(ids) });
  }

  async findByReference(reference: string): Promise<Order[]> {
    // expect: CWE-89 -- string parameter interpolated into repository.query
    return this.repo.query(`SELECT * FROM orders WHERE reference = '${reference}'`);
  }

  async totalForCustomer(customerId: number): Promise<number> {
    // ok: CWE-89 -- customerId is typed number
    const rows = await this.repo.query('SELECT COALESCE(SUM(total), 0) AS total FROM orders WHERE customer_id = ' + customerId);
    return Number(rows[0].total);
  }

  async search(filter: OrderFilter): Promise<Order[]> {
    // ok: CWE-89 -- constant alias
    const qb = this.repo.createQueryBuilder('o');
    if (filter.status) {
      // ok: CWE-89 -- named parameter
      qb.andWhere('o.status = :status', { status: filter.status });
    }
    if (filter.customerId !== undefined) {
      // ok: CWE-89 -- named parameter
      qb.andWhere('o.customerId = :cid', { cid: filter.customerId });
    }
    if (filter.search) {
      // expect: CWE-89 -- search text concatenated into a where fragment
      qb.andWhere("o.notes ILIKE '%" + filter.search + "%'");
    }
    const column = SORT_COLUMNS[filter.sort ?? ''] ?? 'o.createdAt';
    const direction = filter.direction === 'ASC' ? 'ASC' : 'DESC';
    // ok: CWE-89 -- allow-listed column and a direction constrained by a ternary; executes the builder
    return qb.orderBy(column, direction).take(100).getMany();
  }

  async cancelStale(olderThan: string) {
    // expect: CWE-89 -- string parameter interpolated into where()
    return this.repo.createQueryBuilder().update(Order).set({ status: 'cancelled' }).where(`status = 'pending' AND created_at < now() - interval '${olderThan}'`).execute();
  }

  async archiveCustomer(customerId: number) {
    // ok: CWE-89 -- named parameter in where()
    return this.repo.createQueryBuilder().update(Order).set({ archived: true }).where('customer_id = :customerId', { customerId }).execute();
  }

  async itemsForOrders(orderIds: string[]) {
    // expect: CWE-89 -- string ids joined into an IN list
    return this.items.query(`SELECT * FROM order_items WHERE order_id IN (${orderIds.join(',')})`);
  }

  async itemsForOrdersSafe(orderIds: number[]) {
    // ok: CWE-89 -- array parameter
    return this.items.query('SELECT * FROM order_items WHERE order_id = ANY($1)', [orderIds]);
  }

  async findByTag(tag: string): Promise<Order[]> {
    const base = 'SELECT o.* FROM orders o JOIN order_tags t ON t.order_id = o.id WHERE t.tag = ';
    // expect: CWE-89 -- String.prototype.concat with a string parameter
    return this.repo.query(base.concat("'", tag, "'"));
  }

  async statusCounts(since: string): Promise<Array<{ status: string; n: number }>> {
    let sql = 'SELECT status, COUNT(*)::int AS n FROM orders';
    sql += " WHERE created_at >= '" + since + "'";
    sql += ' GROUP BY status';
    // expect: CWE-89 -- since appended with +=
    return this.repo.query(sql);
  }

  async create(dto: CreateOrderDto): Promise<Order> {
    const order = this.repo.create({ customerId: dto.customerId, reference: dto.reference, total: dto.total });
    // ok: CWE-89 -- repository save of an entity
    return this.repo.save(order);
  }
}

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get(':id')
  findOne(@Param('id', ParseIntPipe) id: number) {
    return this.orders.findOne(id);
  }

  @Get()
  search(@Query() filter: OrderFilter) {
    return this.orders.search(filter);
  }

  @Get('by-reference/:reference')
  byReference(@Param('reference') reference: string) {
    return this.orders.findByReference(reference);
  }

  @Post('items')
  items(@Body('orderIds') orderIds: string[]) {
    return this.orders.itemsForOrders(orderIds);
  }

  @Post('maintenance/cancel-stale')
  cancelStale(@Body('olderThan') olderThan: string) {
    return this.orders.cancelStale(olderThan);
  }

  @Post()
  create(@Body() dto: CreateOrderDto) {
    return this.orders.create(dto);
  }
}
