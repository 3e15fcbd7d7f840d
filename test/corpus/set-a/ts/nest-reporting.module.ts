import { BadRequestException, Body, Controller, Get, Injectable, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectDataSource, InjectEntityManager } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

const ALLOWED_PERIODS = ['day', 'week', 'month', 'quarter'] as const;

export class RebuildReportsCommand {
  constructor(
    public readonly table: string,
    public readonly reason: string,
  ) {}
}

@Injectable()
export class ReportingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectEntityManager() private readonly manager: EntityManager,
  ) {}

  async revenueBy(period: string, from: string, to: string) {
    if (!(ALLOWED_PERIODS as readonly string[]).includes(period)) {
      throw new BadRequestException('invalid period');
    }
    // ok: CWE-89 -- period validated against ALLOWED_PERIODS above; dates bound
    return this.dataSource.query(`SELECT date_trunc('${period}', created_at) AS bucket, SUM(total) AS revenue FROM orders WHERE created_at BETWEEN $1 AND $2 GROUP BY 1 ORDER BY 1`, [from, to]);
  }

  async revenueForRegion(region: string) {
    // expect: CWE-89 -- region (from @Param) concatenated
    return this.dataSource.query("SELECT SUM(total) AS revenue FROM orders WHERE region = '" + region + "'");
  }

  async topCustomers(limit: number) {
    // ok: CWE-89 -- limit is typed number (and ParseIntPipe in the controller)
    return this.manager.query(`SELECT customer_id, SUM(total) AS spent FROM orders GROUP BY customer_id ORDER BY spent DESC LIMIT ${limit}`);
  }

  async churnReport(segment: string) {
    let sql = "SELECT c.id, c.email FROM customers c WHERE c.last_order_at < now() - interval '90 days'";
    sql += ` AND c.segment = '${segment}'`;
    // expect: CWE-89 -- parameter appended with +=
    return this.manager.query(sql);
  }

  async cohort(signupMonth: string, metric: string) {
    // expect: CWE-89 -- both parameters interpolated (the month is bound nowhere)
    return this.dataSource.query(`SELECT ${metric} FROM cohort_view WHERE signup_month = '${signupMonth}'`);
  }

  async rebuild(table: string) {
    return this.manager.transaction(async (tx) => {
      // ok: CWE-89 -- constant statement
      await tx.query('LOCK TABLE report_cache IN EXCLUSIVE MODE');
      // expect: CWE-89 -- table parameter used as an identifier without validation
      await tx.query(`TRUNCATE ${table}`);
      // ok: CWE-89 -- constant statement
      await tx.query('INSERT INTO report_cache_log (rebuilt_at) VALUES (now())');
    });
  }
}

@Controller('reports')
export class ReportingController {
  constructor(
    private readonly reporting: ReportingService,
    private readonly commandBus: CommandBus,
  ) {}

  @Get('revenue')
  revenue(@Query('period') period: string, @Query('from') from: string, @Query('to') to: string) {
    return this.reporting.revenueBy(period, from, to);
  }

  @Get('regions/:region')
  region(@Param('region') region: string) {
    return this.reporting.revenueForRegion(region);
  }

  @Get('top/:limit')
  top(@Param('limit', ParseIntPipe) limit: number) {
    return this.reporting.topCustomers(limit);
  }

  @Get('churn')
  churn(@Query('segment') segment: string) {
    return this.reporting.churnReport(segment);
  }

  @Get('cohorts/:month')
  cohort(@Param('month') month: string, @Query('metric') metric: string) {
    return this.reporting.cohort(month, metric ?? 'retained_users');
  }

  @Post('rebuild')
  async rebuild(@Body() body: { table: string; reason: string }) {
    // ok: CWE-89 -- CQRS CommandBus.execute, not SQL
    await this.commandBus.execute(new RebuildReportsCommand(body.table, body.reason));
    return this.reporting.rebuild(body.table);
  }
}
